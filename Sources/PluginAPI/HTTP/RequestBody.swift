/// The body of a request, read as chunks of bytes.
///
/// A body is read once. It never yields more than the route's body limit: past it, reading throws
/// ``OMCError`` of kind `tooLarge`. Small JSON bodies are best read with ``OMCRequest/decode(_:)``;
/// large uploads (imports) are iterated chunk by chunk so that memory stays flat.
public struct RequestBody: AsyncSequence, Sendable {
    /// A chunk of bytes.
    public typealias Element = [UInt8]

    private enum Source: Sendable {
        case bytes([UInt8])
        case stream(any AsyncSequence<[UInt8], any Error> & Sendable)
    }

    private let source: Source
    /// The most bytes this body may yield.
    public let limit: Int

    /// A body held in memory.
    public init(bytes: [UInt8], limit: Int = .max) {
        source = .bytes(bytes)
        self.limit = limit
    }

    /// A body read from a stream of chunks (the host's network connection).
    public init(stream: some AsyncSequence<[UInt8], any Error> & Sendable, limit: Int) {
        source = .stream(stream)
        self.limit = limit
    }

    /// Reads the chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var pending: [UInt8]?
        var base: (any AsyncIteratorProtocol<[UInt8], any Error>)?
        var remaining: Int
        let limit: Int

        /// The next chunk, `nil` at the end.
        public mutating func next() async throws -> [UInt8]? {
            let chunk: [UInt8]?
            if let bytes = pending {
                pending = nil
                chunk = bytes
            } else if var iterator = base {
                chunk = try await iterator.next()
                base = iterator
            } else {
                chunk = nil
            }
            guard let chunk else { return nil }
            remaining -= chunk.count
            if remaining < 0 {
                throw OMCError(.tooLarge, "request body is larger than the \(limit) bytes this route accepts")
            }
            return chunk
        }
    }

    /// Starts reading.
    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .bytes(let bytes):
            AsyncIterator(pending: bytes, base: nil, remaining: limit, limit: limit)
        case .stream(let stream):
            AsyncIterator(pending: nil, base: stream.makeAsyncIterator(), remaining: limit, limit: limit)
        }
    }

    /// The whole body in memory, at most `limit` bytes.
    public func collect() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self { bytes += chunk }
        return bytes
    }
}
