package import Foundation
import Synchronization

/// Bounds how many refused requests (401, 403) reach the operation log, so that a flood of bad
/// tokens cannot fill it: in each minute, the first refusal of one source (client address and user,
/// or anonymous) on one route with one status is recorded and its repeats are counted; at most
/// ``perMinute`` refusals are recorded in all. The first refusal recorded after a minute with
/// counted ones says how many were left out, so the log still shows that a flood happened.
package final class RefusalLimiter: Sendable {
    /// Refusal entries written per minute at most, whatever their source.
    package static let perMinute = 120
    static let window: TimeInterval = 60

    private struct State {
        var windowStart = Date.distantPast
        var seen: Set<String> = []
        var recorded = 0
        var omitted = 0
        var omittedBefore = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// Whether the refusal described by `key` is recorded at `now`; when it is, how many refusals
    /// were left out since the last one recorded before it.
    package func admit(_ key: String, now: Date) -> (record: Bool, omitted: Int) {
        state.withLock { state in
            if now.timeIntervalSince(state.windowStart) >= Self.window || now < state.windowStart {
                state.omittedBefore += state.omitted
                state = State(windowStart: now, omittedBefore: state.omittedBefore)
            }
            guard state.recorded < Self.perMinute, state.seen.insert(key).inserted else {
                state.omitted += 1
                return (false, 0)
            }
            state.recorded += 1
            defer { state.omittedBefore = 0 }
            return (true, state.omittedBefore)
        }
    }
}
