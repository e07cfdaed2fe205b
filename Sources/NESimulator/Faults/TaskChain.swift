import Synchronization

/// Runs operations one after another in the order they were submitted, even across suspension points,
/// which an actor alone does not guarantee (it is re-entrant at every `await`).
final class TaskChain: Sendable {
    private let tail = Mutex<Task<Void, Never>?>(nil)

    init() {}

    /// Runs `operation` after every operation submitted before it has finished.
    func run<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task: Task<Value, any Error> = tail.withLock { tail in
            let previous = tail
            let task = Task {
                await previous?.value
                return try await operation()
            }
            tail = Task { _ = try? await task.value }
            return task
        }
        return try await task.value
    }
}
