import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Feeds one HTTP exchange to the NE's ``TrafficCapture`` as the bytes that crossed the wire: the
/// request head and body as the client sent them, the answer's head and body as the NE sends them.
struct CaptureTap: Sendable {
    let capture: TrafficCapture
    let client: TCPFrame.Endpoint
    let server: TCPFrame.Endpoint

    /// A tap for the connection between `remote` and `local`; `nil` when an address is unknown.
    init?(capture: TrafficCapture, remote: SocketAddress?, local: SocketAddress?) {
        guard let client = Self.endpoint(remote), let server = Self.endpoint(local),
              client.address.count == server.address.count else { return nil }
        self.capture = capture
        self.client = client
        self.server = server
    }

    /// Records the request's head; its body is recorded as the handler reads it.
    func request(_ request: Request) async -> Request {
        var head = "\(request.method.rawValue) \(request.head.path ?? "/") HTTP/1.1\r\n"
        if let authority = request.head.authority { head += "Host: \(authority)\r\n" }
        for field in request.headers { head += "\(field.name.rawName): \(field.value)\r\n" }
        await record(Array((head + "\r\n").utf8), fromClient: true)
        var tapped = request
        let tap = self
        tapped.body = RequestBody(asyncSequence: TappedSequence(base: request.body) { chunk in
            await tap.record(Array(buffer: chunk), fromClient: true)
        })
        return tapped
    }

    /// Records the answer's head, and its body as it is written.
    func response(_ response: Response) async -> Response {
        let phrase = response.status.reasonPhrase.isEmpty ? Self.reasonPhrases[response.status.code] ?? "" : response.status.reasonPhrase
        var head = "HTTP/1.1 \(response.status.code) \(phrase)\r\n"
        for field in response.headers { head += "\(field.name.rawName): \(field.value)\r\n" }
        if response.headers[.contentLength] == nil, let length = response.body.contentLength { head += "Content-Length: \(length)\r\n" }
        await record(Array((head + "\r\n").utf8), fromClient: false)
        var tapped = response
        let tap = self
        tapped.body = response.body.map { chunk in
            await tap.record(Array(buffer: chunk), fromClient: false)
            return chunk
        }
        return tapped
    }

    /// What the wire says after the status codes the NE answers with, when the handler gave none.
    static let reasonPhrases = [200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 404: "Not Found",
                                405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large", 500: "Internal Server Error",
                                502: "Bad Gateway", 503: "Service Unavailable"]

    private func record(_ bytes: [UInt8], fromClient: Bool) async {
        await capture.record(client: client, server: server, fromClient: fromClient, payload: bytes)
    }

    private static func endpoint(_ address: SocketAddress?) -> TCPFrame.Endpoint? {
        guard let address, let ip = address.ipAddress, let port = address.port, let port16 = UInt16(exactly: port) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 {
            return TCPFrame.Endpoint(address: withUnsafeBytes(of: &v4) { Array($0) }, port: port16)
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, ip, &v6) == 1 {
            return TCPFrame.Endpoint(address: withUnsafeBytes(of: &v6) { Array($0) }, port: port16)
        }
        return nil
    }
}

/// `base`, handing each element to `observe` before passing it on.
struct TappedSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let observe: @Sendable (ByteBuffer) async -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let observe: @Sendable (ByteBuffer) async -> Void

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            await observe(chunk)
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), observe: observe)
    }
}
