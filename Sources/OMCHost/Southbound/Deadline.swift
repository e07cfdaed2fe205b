/// Runs `work` against a timer of `timeout` on real time: its result, or `nil` when the timer won
/// (the work is then cancelled). The NE gateway bounds whole answers and single chunks with it.
func valueWithin<T: Sendable>(_ timeout: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
