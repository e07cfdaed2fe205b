import NIOCore

/// Passes byte buffers through, failing as soon as more than `limit` bytes went by (and raising
/// `overflow`), so an oversized upload stops early instead of filling the disk.
struct SizeLimitedSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    /// The body went past the limit.
    struct TooLarge: Error {}

    let base: Base
    let limit: Int
    let overflow: OverflowFlag

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let limit: Int
        let overflow: OverflowFlag
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            seen += buffer.readableBytes
            if seen > limit {
                overflow.raise()
                throw TooLarge()
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, overflow: overflow)
    }
}
