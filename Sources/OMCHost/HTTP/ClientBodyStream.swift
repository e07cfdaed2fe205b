import Hummingbird
import NIOCore
import PluginAPI

/// A request's body as it arrives from the client, as chunks of bytes. A body the client breaks
/// (bad chunked encoding, a connection that ends early) or that is shorter than its Content-Length
/// is the client's mistake: reading it throws ``OMCError`` of kind `invalidInput` (400), not an
/// internal error.
struct ClientBodyStream: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    let base: Hummingbird.RequestBody
    /// The request's Content-Length, if it sent one.
    let announcedLength: Int?

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Hummingbird.RequestBody.AsyncIterator
        let announcedLength: Int?
        var received = 0

        mutating func next() async throws -> [UInt8]? {
            let buffer: ByteBuffer?
            do {
                buffer = try await base.next()
            } catch let error as OMCError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw OMCError(.invalidInput, announcedLength.map { "the request body could not be read: the connection ended after \(received) of the \($0) bytes its Content-Length announces" }
                    ?? "the request body could not be read: its chunked encoding is malformed, or the connection ended after \(received) bytes")
            }
            guard let buffer else {
                if let announcedLength, received < announcedLength {
                    throw OMCError(.invalidInput, "the request body ended after \(received) bytes; its Content-Length announces \(announcedLength)")
                }
                return nil
            }
            received += buffer.readableBytes
            return Array(buffer: buffer)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), announcedLength: announcedLength)
    }
}
