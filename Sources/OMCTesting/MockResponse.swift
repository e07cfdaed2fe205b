import Foundation
public import PluginAPI

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

extension MockResponse {
    /// The file name a download offers in `Content-Disposition`: the RFC 5987 `filename*` when sent
    /// (non-ASCII names), else `filename`; `nil` when the answer is not an attachment.
    public var downloadFileName: String? {
        guard let disposition = headers["Content-Disposition"], disposition.lowercased().hasPrefix("attachment") else { return nil }
        var plain: String?
        for parameter in disposition.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "filename*":
                let pieces = pair[1].split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3, let decoded = String(pieces[2]).removingPercentEncoding { return decoded }
            case "filename":
                plain = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            default:
                break
            }
        }
        return plain
    }
}
