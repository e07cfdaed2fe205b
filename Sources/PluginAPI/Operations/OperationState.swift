/// Where a long operation stands.
public enum OperationState: String, Sendable, Codable, CaseIterable {
    /// Still working.
    case running
    /// Finished with a result.
    case succeeded
    /// Finished with an error; nothing half-applied remains (the plugin's duty).
    case failed
    /// Stopped on an operator's request before it changed anything it could not take back.
    case cancelled
    /// The OMC stopped (or was killed) while it ran; `settlement` says what was settled at the next start.
    case interrupted

    /// Whether the operation has stopped working.
    public var isFinal: Bool { self != .running }
}
