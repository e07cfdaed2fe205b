/// The version of the OMC, reported by `omc --version` and in the OMC's own system state.
package enum OMCVersion {
    package static let current = "0.1.0"
}
