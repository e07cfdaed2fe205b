/// What happened to one push to the OMC.
public enum PushOutcome: Sendable, Hashable {
    /// The OMC answered with this status and body.
    case answered(status: Int, body: String)
    /// The OMC could not be reached or did not answer in time.
    case unreachable(reason: String)
    /// No OMC address is configured.
    case notConfigured
}
