import Synchronization

/// Counts open client connections against a cap, so that idle or hostile clients cannot take every
/// file descriptor the process has.
final class ConnectionCounter: Sendable {
    /// Most connections open at once.
    let limit: Int
    private let count = Atomic<Int>(0)
    private let refusedCount = Atomic<Int>(0)
    private let onRefusal: @Sendable (Int) -> Void

    /// A counter; `onRefusal` is told the number of refusals so far, at the 1st, 2nd, 4th, 8th, …
    /// refusal, so that a flood shows in the log without flooding it.
    init(limit: Int, onRefusal: @escaping @Sendable (Int) -> Void) {
        self.limit = limit
        self.onRefusal = onRefusal
    }

    /// Counts a new connection; `false` (and not counted) when `limit` are already open.
    func open() -> Bool {
        if count.add(1, ordering: .relaxed).newValue <= limit { return true }
        count.subtract(1, ordering: .relaxed)
        let refused = refusedCount.add(1, ordering: .relaxed).newValue
        if refused & (refused - 1) == 0 { onRefusal(refused) }
        return false
    }

    /// Counts a connection closed.
    func closed() {
        count.subtract(1, ordering: .relaxed)
    }

    /// Connections open now.
    var openCount: Int { count.load(ordering: .relaxed) }
}
