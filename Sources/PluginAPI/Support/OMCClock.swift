public import Foundation

/// The time, as the host keeps it. Plugins read time and sleep only through it, so that tests can
/// move time forward with the mock host's manual clock.
public protocol OMCClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Returns at `deadline`, or throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}
