import Synchronization

/// At most `capacity` requests in flight to one NE (keyed by address and port), the others queued in
/// arrival order. The gateway takes a slot before handing a request to AsyncHTTPClient, so that the
/// time a request waits for a free connection is its own, counted against its own deadline and
/// reported as such; AsyncHTTPClient's pool, sized the same, then never queues a request itself.
/// Each NE has its own slots: a slow NE holds only its own.
final class NEConnectionSlots: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct Queue {
        var busy = 0
        var waiters: [Waiter] = []
    }

    private struct State {
        var queues: [String: Queue] = [:]
        var nextID: UInt64 = 0
        /// Waiters cancelled before they were queued: they must not be queued afterwards.
        var cancelled: Set<UInt64> = []
    }

    /// Requests in flight to one NE at most.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Takes a slot of `key`, waiting for one while all are busy: `true` once taken (release it with
    /// ``release(_:)``), `false` when the task was cancelled while waiting (nothing to release).
    func acquire(_ key: String) async -> Bool {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                state.withLock { state in
                    if state.cancelled.remove(id) != nil {
                        continuation.resume(returning: false)
                        return
                    }
                    var queue = state.queues[key] ?? Queue()
                    if queue.busy < capacity {
                        queue.busy += 1
                        continuation.resume(returning: true)
                    } else {
                        queue.waiters.append(Waiter(id: id, continuation: continuation))
                    }
                    state.queues[key] = queue
                }
            }
        } onCancel: {
            state.withLock { state in
                if let index = state.queues[key]?.waiters.firstIndex(where: { $0.id == id }) {
                    state.queues[key]?.waiters.remove(at: index).continuation.resume(returning: false)
                } else {
                    // Not queued yet; or already granted, and then the mark is never read and goes
                    // when the NE's last slot is released.
                    state.cancelled.insert(id)
                }
            }
        }
    }

    /// Gives the slot to the longest waiter of `key`, or frees it.
    func release(_ key: String) {
        state.withLock { state in
            guard var queue = state.queues[key] else { return }
            if queue.waiters.isEmpty {
                queue.busy -= 1
            } else {
                queue.waiters.removeFirst().continuation.resume(returning: true)
            }
            state.queues[key] = queue.busy == 0 && queue.waiters.isEmpty ? nil : queue
            if state.queues.isEmpty { state.cancelled.removeAll() }
        }
    }
}
