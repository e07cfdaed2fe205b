package import Foundation
import Synchronization

/// One long operation as the plugin running it sees it: it reports progress, checks whether an
/// operator asked to cancel, and ends with a result or a failure. The host persists what it
/// reports at a bounded rate and shows it at `GET /monitor/operation/{operationId}`.
///
/// Every method is cheap and synchronous: call ``progress(phase:done:total:)`` as often as the
/// work allows (per record is fine), even from inside a database transaction.
public final class LongOperation: Sendable {
    /// The operation's id.
    public let id: String
    /// Problems kept for display; more are counted only.
    public static let keptErrors = 20

    private struct State {
        var snapshot: OperationSnapshot
        /// Real elapsed time, not the host's clock: a rate measures throughput, and wall time can jump.
        var phaseStarted: ContinuousClock.Instant
        var revision = 0
    }

    private let state: Mutex<State>
    private let now: @Sendable () -> Date

    /// An operation starting now (the host and the mock host make these).
    package init(snapshot: OperationSnapshot, now: @escaping @Sendable () -> Date) {
        id = snapshot.operationId
        self.now = now
        state = Mutex(State(snapshot: snapshot, phaseStarted: .now))
    }

    /// Moves to `phase` (when given: `done` then counts from its start) with `done` units of
    /// `total` handled; `total` stays as it was when `nil`.
    public func progress(phase: String? = nil, done: Int, total: Int? = nil) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard !state.snapshot.state.isFinal else { return }
            if let phase, phase != state.snapshot.phase {
                state.snapshot.phase = phase
                state.phaseStarted = now
            }
            state.snapshot.done = max(0, done)
            if let total { state.snapshot.total = max(0, total) }
            state.revision += 1
        }
    }

    /// Records a problem met on the way (a refused line, say); the operation goes on.
    public func error(_ message: String) {
        state.withLock { state in
            if state.snapshot.errors.count < Self.keptErrors { state.snapshot.errors.append(StoredText.bounded(message, limit: 500)) }
            state.snapshot.errorCount += 1
            state.revision += 1
        }
    }

    /// Whether an operator asked to cancel. The plugin stops at the next point where stopping
    /// leaves nothing half-applied, and undoes what it must.
    public var isCancelled: Bool { state.withLock { $0.snapshot.cancelRequested } }

    /// Throws ``cancellation`` when an operator asked to cancel.
    public func checkCancellation() throws(OMCError) {
        if isCancelled { throw cancellation }
    }

    /// The error a cancelled operation ends its work with (HTTP 409 for a synchronous caller).
    public var cancellation: OMCError {
        OMCError(.conflict, "operation \(id) was cancelled; nothing was changed")
    }

    /// Ends the operation with `result` (the `data` a synchronous caller receives) and closing words.
    public func succeed(_ result: JSONValue? = nil, message: String = "done") {
        finish(.succeeded, result: result, message: message)
    }

    /// Ends the operation with a failure: `message` says what went wrong and that nothing changed.
    public func fail(_ message: String) {
        finish(.failed, result: nil, message: message)
    }

    /// Ends the operation after its work threw `error`: cancelled when an operator asked for it,
    /// failed otherwise. Does nothing when it has ended already.
    public func fail(after error: any Error) {
        // An OMCError describes itself by its message, in words for an operator.
        finish(isCancelled ? .cancelled : .failed, result: nil, message: String(describing: error))
    }

    /// What the operation looks like now, its rate computed for this instant.
    public var snapshot: OperationSnapshot {
        let now = ContinuousClock.now
        return state.withLock { state in
            var snapshot = state.snapshot
            if !snapshot.state.isFinal {
                let elapsed = now - state.phaseStarted
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                snapshot.rate = seconds > 0.05 ? (Double(snapshot.done) / seconds * 10).rounded() / 10 : 0
            }
            return snapshot
        }
    }

    /// Counts changes, so the host writes only operations that moved since its last write.
    package var revision: Int { state.withLock { $0.revision } }

    /// Asks the operation to stop (the host calls this for an operator). `false` when it has ended.
    package func requestCancel() -> Bool {
        state.withLock { state in
            guard !state.snapshot.state.isFinal else { return false }
            state.snapshot.cancelRequested = true
            state.revision += 1
            return true
        }
    }

    private func finish(_ final: OperationState, result: JSONValue?, message: String) {
        let snapshot = self.snapshot
        let ended = now()
        state.withLock { state in
            guard !state.snapshot.state.isFinal else { return }
            state.snapshot.rate = snapshot.rate
            state.snapshot.state = final
            state.snapshot.result = result
            state.snapshot.message = StoredText.bounded(message, limit: 2000)
            state.snapshot.endedAt = DocumentTime.formatInstant(ended)
            state.revision += 1
        }
    }
}
