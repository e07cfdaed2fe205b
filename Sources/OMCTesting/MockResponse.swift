import Foundation
import PluginAPI

/// What the mock host answered: status, headers and the whole body.
public struct MockResponse: Sendable {
    /// The HTTP status.
    public let status: Int
    /// The header fields.
    public let headers: HeaderFields
    /// The body, streamed bodies included.
    public let body: [UInt8]

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON, `nil` when it is not JSON.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body)) }

    /// The envelope's `code`.
    public var code: Int? { json?["code"]?.intValue }

    /// The envelope's `msg`.
    public var msg: String? { json?["msg"]?.stringValue }

    /// The envelope's `data`.
    public var data: JSONValue? { json?["data"] }
}
