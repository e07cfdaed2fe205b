import PluginAPI

/// What an NE says about its software: the version it runs, the one it ran before, the packages it
/// holds, and whether it is restarting.
struct NESoftwareState: Sendable, Equatable {
    let running: String
    let previous: String?
    let packages: [String]
    let restarting: Bool
    /// The NE's words about its last activation (`2.0.0 did not start; back on 1.0.0`).
    let lastActivation: String?

    /// Reads the NE's `data`; `nil` when it lacks the running version.
    init?(_ data: JSONValue) {
        guard let running = data["runningVersion"]?.stringValue else { return nil }
        self.running = running
        previous = data["previousVersion"]?.stringValue
        packages = (data["packages"]?.arrayValue ?? []).compactMap { $0["version"]?.stringValue }
        restarting = data["restarting"]?.boolValue ?? false
        lastActivation = data["lastActivation"]?.stringValue
    }

    /// Whether the NE holds the package of `version`.
    func holds(_ version: String) -> Bool { packages.contains(version) }
}
