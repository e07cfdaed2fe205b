import Crypto
import NIOCore
import Synchronization

/// Passes byte buffers through while computing their SHA-256, so a package is checked as it streams
/// to disk instead of being read a second time.
struct HashingSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    /// The running digest, read once the sequence has ended.
    final class Digest: Sendable {
        private let hasher = Mutex(SHA256())

        func update(_ buffer: ByteBuffer) {
            buffer.withUnsafeReadableBytes { bytes in hasher.withLock { $0.update(bufferPointer: bytes) } }
        }

        /// Lower-case hex of what went by.
        var hex: String {
            hasher.withLock { $0.finalize() }.map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined()
        }
    }

    let base: Base
    let digest: Digest

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let digest: Digest

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            digest.update(buffer)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), digest: digest)
    }
}
