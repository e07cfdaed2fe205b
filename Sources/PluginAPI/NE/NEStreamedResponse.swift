/// An NE's answer whose body is read as it arrives rather than collected in memory: capture files,
/// large dumps. ``NEGateway/stream(_:to:)`` returns it once the NE's status and headers are in.
///
/// Read ``body`` to the end (or drop the response) soon: the connection to the NE stays busy until
/// then. A plugin usually hands the chunks straight to ``OMCResponse/stream(contentType:fileName:write:)``,
/// so a slow client slows the NE instead of filling the OMC's memory.
public struct NEStreamedResponse: Sendable {
    /// The HTTP status.
    public let status: Int
    /// The body's length when the NE announced it (`Content-Length`).
    public let contentLength: Int?
    /// The body's content type when the NE gave one.
    public let contentType: String?
    /// The body, chunk by chunk.
    public let body: NEBodyStream

    /// A streamed answer (the host makes these).
    public init(status: Int, contentLength: Int?, contentType: String?, body: NEBodyStream) {
        self.status = status
        self.contentLength = contentLength
        self.contentType = contentType
        self.body = body
    }
}

/// The chunks of a streamed NE answer, in order. Iterate it once. A chunk the NE takes longer than
/// the request's timeout to send throws ``OMCError`` of kind `neTimeout` naming the NE; a connection
/// cut midway throws kind `neFailure`.
public struct NEBodyStream: AsyncSequence, Sendable {
    /// One chunk of bytes.
    public typealias Element = [UInt8]

    private let nextChunk: @Sendable () async throws -> [UInt8]?

    /// A stream whose chunks `nextChunk` produces, `nil` at the end (the host makes these).
    public init(nextChunk: @escaping @Sendable () async throws -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    /// Reads the chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextChunk: @Sendable () async throws -> [UInt8]?

        /// The next chunk, `nil` at the end.
        public mutating func next() async throws -> [UInt8]? {
            try await nextChunk()
        }
    }

    /// An iterator over the chunks.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(nextChunk: nextChunk)
    }

    /// The whole body, for small answers such as an NE's error message; at most `limit` bytes are
    /// kept, the rest is read and dropped so the connection can be reused.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self where bytes.count < limit {
            bytes += chunk.prefix(limit - bytes.count)
        }
        return bytes
    }
}
