public import Foundation
public import PluginAPI
import Synchronization

/// A clock that moves only when a test says so. Jobs and plugins sleeping on it wake when
/// ``advance(by:)`` passes their deadline.
public final class ManualClock: OMCClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A clock showing `now` (by default 2027-01-15 08:00:00 UTC).
    public init(now: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = Mutex(State(now: now))
    }

    /// The clock's current time.
    public func now() -> Date { state.withLock { $0.now } }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Suspends until the clock is advanced to `deadline`.
    public func sleep(until deadline: Date) async throws {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleeper whose deadline has passed, then waits (up to
    /// thirty real seconds, so that jobs talking to NEs finish even on a loaded machine) until the
    /// woken tasks have gone back to sleep, so that a test sees the effects of the jobs that ran.
    public func advance(by seconds: TimeInterval) async {
        let (due, sleepingBefore): ([Sleeper], Int) = state.withLock { state in
            state.now = state.now.addingTimeInterval(seconds)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            let count = state.sleepers.count
            state.sleepers.removeAll { $0.deadline <= now }
            return (due, count)
        }
        for sleeper in due { sleeper.continuation.resume() }
        guard !due.isEmpty else { return }
        let deadline = ContinuousClock.now + .seconds(30)
        while sleeperCount < sleepingBefore, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }
}
