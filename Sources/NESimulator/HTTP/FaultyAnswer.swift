import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

/// The broken answers of the `malformed` and `close` fault modes, written below Hummingbird's
/// `Response` so that the bytes on the wire are exactly the broken ones.
enum FaultyAnswer {
    /// The connection was cut on purpose; ends the connection's handling.
    struct ConnectionCut: Error {}

    /// 200 `application/json` whose body is the start of an envelope, cut off: correct HTTP framing,
    /// invalid JSON.
    static func malformed(_ writer: consuming ResponseWriter, identity: NEDefinition) async throws {
        let full = #"{"code":200,"msg":"Success","data":{"neType":"\#(identity.type)","neId":"\#(identity.id)","neName":"\#(identity.name)"}}"#
        let body = ByteBuffer(string: String(full.prefix(full.count * 2 / 3)))
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.contentLength] = String(body.readableBytes)
        try await writer.write(response: HTTPResponse(status: .ok, headerFields: fields), body: ResponseBody(byteBuffer: body))
    }

    /// Starts a 200 answer announcing 4096 bytes, sends a few dozen, then closes the connection.
    static func cut(_ writer: consuming ResponseWriter, channel: any Channel) async throws {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.contentLength] = "4096"
        var body = try await writer.writeHead(HTTPResponse(status: .ok, headerFields: fields))
        try await body.write(ByteBuffer(string: #"{"code":200,"msg":"Success","data":{"partial":"#))
        // Let the event loop flush what was written before the close overtakes it.
        try? await Task.sleep(for: .milliseconds(50))
        try? await channel.close()
        throw ConnectionCut()
    }
}
