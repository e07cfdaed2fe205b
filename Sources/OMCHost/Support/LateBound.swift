import Synchronization

/// A value set once, after the objects that need it were made: breaks the cycle between the NE
/// gateway (which every plugin context holds) and the directory plugin's context.
final class LateBound<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    var value: Value? { storage.withLock { $0 } }

    func set(_ value: Value) {
        storage.withLock { $0 = value }
    }
}
