import Synchronization

/// The running scheduled-push tasks of all NEs, so that shutdown can stop them.
final class PushTasks: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    init() {}

    func add(_ new: [Task<Void, Never>]) {
        tasks.withLock { $0 += new }
    }

    /// Cancels every task and waits for them to end.
    func cancelAll() async {
        let running = tasks.withLock { current in
            defer { current = [] }
            return current
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
