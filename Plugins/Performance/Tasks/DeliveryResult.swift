/// What became of telling one NE about a task.
enum DeliveryResult: Sendable {
    /// The NE dropped the task (or never had it).
    case removed
    /// The NE holds the task in this state.
    case holds(NETaskState)
    /// The NE refused or could not be reached; the reason in its words.
    case failed(NETaskState, String)
}

/// A ``DeliveryResult`` for one NE.
struct DeliveryOutcome: Sendable {
    let neID: String
    let result: DeliveryResult
}
