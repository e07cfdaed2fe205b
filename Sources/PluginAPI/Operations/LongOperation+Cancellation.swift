extension LongOperation {
    /// How often ``unlessCancelled(_:)`` looks for a cancellation.
    static let cancellationPoll: Duration = .milliseconds(100)

    /// Runs `work` (an NE request, say) until it ends or an operator cancels, whichever comes
    /// first; on a cancellation `work`'s task is cancelled and `nil` returned. The plugin then
    /// decides what the cut-off work left (a request the NE may have received whole) and undoes it.
    public func unlessCancelled<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask { [self] in
                while !isCancelled { try await Task.sleep(for: Self.cancellationPoll) }
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
