public import Synchronization

/// What an NE has done since it started, counted as it happens; KPI reports and sequence numbers come
/// from here, so they describe real traffic rather than invented figures.
public final class NECounters: Sendable {
    /// HTTP requests answered (any path, any outcome).
    public let requests = Atomic<Int>(0)
    /// MML commands run.
    public let mmlCommands = Atomic<Int>(0)
    /// MML commands that failed.
    public let mmlFailures = Atomic<Int>(0)
    /// Configuration changes accepted (PUT, POST, DELETE).
    public let configChanges = Atomic<Int>(0)
    /// Files received.
    public let filesReceived = Atomic<Int>(0)
    /// Bytes of files received.
    public let bytesReceived = Atomic<Int>(0)
    /// Last alarm sequence number handed out.
    let alarmSequence = Atomic<Int>(0)
    /// Last KPI report id handed out.
    let reportSequence = Atomic<Int>(0)

    /// Zeroed counters.
    public init() {}

    /// Adds one to `counter` and returns the new value.
    @discardableResult
    static func increment(_ counter: borrowing Atomic<Int>, by amount: Int = 1) -> Int {
        counter.wrappingAdd(amount, ordering: .relaxed).newValue
    }

    /// The counters' current values, keyed by the name KPI reports use.
    public func snapshot() -> [String: Int] {
        [
            "HttpRequests": requests.load(ordering: .relaxed),
            "MmlCommands": mmlCommands.load(ordering: .relaxed),
            "MmlFailures": mmlFailures.load(ordering: .relaxed),
            "ConfigChanges": configChanges.load(ordering: .relaxed),
            "FilesReceived": filesReceived.load(ordering: .relaxed),
            "BytesReceived": bytesReceived.load(ordering: .relaxed),
        ]
    }
}
