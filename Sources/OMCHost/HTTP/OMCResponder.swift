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
        let stream = request.body
        let incoming = IncomingRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers,
            body: { limit in PluginAPI.RequestBody(stream: stream.map { @Sendable buffer in Array(buffer: buffer) }, limit: limit) },
            contentLength: request.headers[.contentLength].flatMap { Int($0) }, clientAddress: context.clientAddress)
        return Self.response(await runtime.respond(to: incoming))
    }

    static func response(_ answer: OMCResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
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
