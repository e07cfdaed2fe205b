import Synchronization

/// The fault settings every request of one NE reads, behind a lock so the request path needs no actor hop.
public final class FaultState: Sendable {
    private let settings = Mutex(FaultSettings.healthy)

    /// Healthy.
    public init() {}

    /// The settings in force.
    public var current: FaultSettings {
        settings.withLock { $0 }
    }

    /// Replaces the settings.
    func set(_ value: FaultSettings) {
        settings.withLock { $0 = value }
    }
}
