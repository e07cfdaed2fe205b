import Synchronization

/// The flapping task of one NE, if any.
final class FlapTaskHolder: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    init() {}

    /// Keeps `newTask` as the running one.
    func start(_ newTask: Task<Void, Never>) {
        task.withLock { $0 = newTask }
    }

    /// Cancels the running task and waits for it to end.
    func cancel() async {
        let running = task.withLock { current in
            defer { current = nil }
            return current
        }
        running?.cancel()
        await running?.value
    }
}
