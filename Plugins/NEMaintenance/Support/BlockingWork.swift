import Dispatch

/// Runs file work that blocks (hashing a package, reading a zip) on a Dispatch thread, so that it
/// never holds a thread of Swift's cooperative pool.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
