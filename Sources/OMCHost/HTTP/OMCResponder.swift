import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PluginAPI

/// Connects Hummingbird to the runtime: converts the request, lets ``HostRuntime`` answer, converts
/// the answer back. Nothing of Hummingbird crosses into plugins.
struct OMCResponder: HTTPResponder {
    typealias Context = OMCRequestContext
    let runtime: HostRuntime

    func respond(to request: Request, context: OMCRequestContext) async throws -> Response {
        var headers = HeaderFields()
        for field in request.headers { headers.add(field.name.rawName, field.value) }
        let contentLength = request.headers[.contentLength].flatMap { Int($0) }
        let stream = ClientBodyStream(base: request.body, announcedLength: contentLength)
        let incoming = IncomingRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers,
            body: { limit in PluginAPI.RequestBody(stream: stream, limit: limit) },
            contentLength: contentLength, clientAddress: context.clientAddress)
        return Self.response(await runtime.respond(to: incoming), overTLS: runtime.settings.tls != nil)
    }

    /// Sent on every answer, errors included. The OMC serves no pages, so nothing may run, load or
    /// frame what it answers.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'self'; frame-ancestors 'none'"),
        (.xContentTypeOptions, "nosniff"),
        (.referrerPolicy, "no-referrer"),
        (.xFrameOptions, "DENY"),
    ]

    /// HTTPS only: a browser that saw it once refuses plain HTTP to this OMC for a year.
    static let strictTransportSecurity = "max-age=31536000"

    static func response(_ answer: OMCResponse, overTLS: Bool) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        for (name, value) in securityHeaders where fields[name] == nil { fields[name] = value }
        if overTLS { fields[.strictTransportSecurity] = strictTransportSecurity }
        let body: ResponseBody
        switch answer.body {
        case .empty:
            body = ResponseBody()
        case .bytes(let bytes):
            body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        case .json(let value):
            body = ResponseBody(byteBuffer: ByteBuffer(bytes: (try? JSONEncoder().encode(value)) ?? Data()))
        case .stream(let produce):
            body = ResponseBody { writer in
                let adapter = StreamWriter(base: writer)
                try await produce(adapter)
                guard let base = adapter.base.take() else { return }
                try await base.finish(nil)
            }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: body)
    }
}

/// Hands a streamed response's chunks to Hummingbird's writer, which waits for the connection.
private final class StreamWriter: PluginAPI.ResponseBodyWriter {
    var base: (any HummingbirdCore.ResponseBodyWriter)?

    init(base: any HummingbirdCore.ResponseBodyWriter) {
        self.base = base
    }

    func write(_ bytes: [UInt8]) async throws {
        guard var writer = base.take() else { throw CancellationError() }
        defer { base = writer }
        try await writer.write(ByteBuffer(bytes: bytes))
    }
}

private extension HTTPField.Name {
    // Valid field names written here, so the initializer cannot fail.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
