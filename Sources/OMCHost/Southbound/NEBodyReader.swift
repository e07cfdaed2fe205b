import AsyncHTTPClient
import NIOCore
import PluginAPI

/// Reads a streamed NE answer chunk by chunk, giving the NE `chunkTimeout` for each chunk. The
/// actor owns AsyncHTTPClient's (non-sendable) iterator, so the body can be read from whichever task
/// writes the OMC's response.
actor NEBodyReader {
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private let element: NetworkElement
    private let chunkTimeout: Duration

    init(body: HTTPClientResponse.Body, element: NetworkElement, chunkTimeout: Duration) {
        iterator = body.makeAsyncIterator()
        self.element = element
        self.chunkTimeout = chunkTimeout
    }

    /// The next chunk, `nil` at the end; throws ``OMCError`` naming the NE when it stalls or breaks.
    func next() async throws -> [UInt8]? {
        let timeout = chunkTimeout
        do {
            // The chunk itself may be nil (the end), so it travels wrapped.
            guard let chunk = try await valueWithin(timeout, { Chunk(bytes: try await self.read()) }) else {
                throw OMCError(.neTimeout, "NE \(element.key) (\(element.ip):\(element.port)) sent nothing for \(timeout.milliseconds) ms")
            }
            return chunk.bytes
        } catch let error as OMCError {
            throw error
        } catch {
            throw HostNEGateway.describe(error, element: element, timeout: timeout)
        }
    }

    private struct Chunk: Sendable {
        let bytes: [UInt8]?
    }

    private func read() async throws -> [UInt8]? {
        var current = iterator
        defer { iterator = current }
        return try await current.next(isolation: self).map { Array(buffer: $0) }
    }
}
