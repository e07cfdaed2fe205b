/// What `GET /monitor/operation/{operationId}` shows of a long operation: a progress bar's worth
/// (phase, done of total, rate) and its outcome.
public struct OperationSnapshot: Sendable, Codable, Equatable {
    /// The operation's id.
    public let operationId: String
    /// What kind of work, `<plugin>.<noun>.<verb>` (`udm.sub.batchAdd`).
    public let kind: String
    /// Words for a person (`Batch add 100000 subscription records on UDM/udm-1`).
    public let title: String
    /// The plugin running it.
    public let pluginId: String
    /// The account that asked; `nil` for work nobody asked for or without an identity plugin.
    public let ownerId: String?
    /// Their login name.
    public let owner: String?
    /// Where it stands.
    public var state: OperationState
    /// What it is doing now (`checking`, `sending to the NE`, …).
    public var phase: String
    /// Units of work done in this phase.
    public var done: Int
    /// Units of work the phase has in all, when known.
    public var total: Int?
    /// Units per second since the operation started, to one decimal.
    public var rate: Double
    /// The first problems met (at most ``LongOperation/keptErrors``); `errorCount` counts them all.
    public var errors: [String]
    /// How many problems were met.
    public var errorCount: Int
    /// What it produced once finished (the document's `data` of the synchronous answer).
    public var result: JSONValue?
    /// The closing words: the result, the failure, the cancellation or the interruption.
    public var message: String?
    /// Whether someone asked to cancel it.
    public var cancelRequested: Bool
    /// What settling it after an interruption found (the plugin's words).
    public var settlement: String?
    /// When it started (ISO 8601, UTC).
    public let startedAt: String
    /// When it finished; `nil` while running.
    public var endedAt: String?

    /// A snapshot (the host and the mock host make these).
    public init(operationId: String, kind: String, title: String, pluginId: String, ownerId: String?, owner: String?,
                state: OperationState, phase: String, done: Int, total: Int?, rate: Double, errors: [String], errorCount: Int,
                result: JSONValue?, message: String?, cancelRequested: Bool, settlement: String?, startedAt: String, endedAt: String?) {
        self.operationId = operationId
        self.kind = kind
        self.title = title
        self.pluginId = pluginId
        self.ownerId = ownerId
        self.owner = owner
        self.state = state
        self.phase = phase
        self.done = done
        self.total = total
        self.rate = rate
        self.errors = errors
        self.errorCount = errorCount
        self.result = result
        self.message = message
        self.cancelRequested = cancelRequested
        self.settlement = settlement
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
