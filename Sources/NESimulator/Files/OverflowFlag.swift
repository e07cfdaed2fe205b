import Synchronization

/// Set when an upload went past its size limit. The file system layer wraps the error the body throws,
/// so the store learns about the overflow from here rather than from the error's type.
final class OverflowFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    init() {}

    /// Records the overflow.
    func raise() {
        raised.store(true, ordering: .relaxed)
    }

    /// Whether the limit was passed.
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
