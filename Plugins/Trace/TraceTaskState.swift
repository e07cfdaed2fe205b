/// Where a trace task is in its life.
enum TraceTaskState: String, Sendable, CaseIterable {
    /// Waiting for its start time (or for its NE to accept it; `reason` says why it is late).
    case scheduled
    /// Active on its NE until its end time.
    case running
    /// Ran and was deactivated at its end time.
    case finished
    /// Could not run as planned; `reason` says why.
    case failed
}
