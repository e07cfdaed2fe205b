/// What an NE answered.
public struct NEResponse: Sendable {
    /// The HTTP status.
    public let status: Int
    /// The body.
    public let body: [UInt8]

    /// A response.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    /// The body as JSON, or ``OMCError`` of kind `neFailure` naming `element` when it is not JSON.
    public func json(from element: NetworkElement) throws(OMCError) -> JSONValue {
        do {
            return try JSONBody.decode(JSONValue.self, from: body)
        } catch {
            throw OMCError(.neFailure, "NE \(element.key) answered malformed JSON (HTTP \(status), \(body.count) bytes)")
        }
    }

    /// The NE's refusal of a request, as an ``OMCError`` that gives the NE's own words (its `msg`, else
    /// the start of its body) and keeps its meaning: 400 invalid input, 404 not found, 409 conflict,
    /// 413 too large, anything else an NE failure. `action` ("activate trace task 7") is named when given.
    public func refusal(from element: NetworkElement, doing action: String? = nil) -> OMCError {
        let words = (try? JSONBody.decode(JSONValue.self, from: body))?["msg"]?.stringValue
            ?? (body.isEmpty ? "HTTP \(status)" : String(decoding: body.prefix(200), as: UTF8.self))
        let kind: OMCError.Kind = switch status {
        case 400: .invalidInput
        case 404: .notFound
        case 409: .conflict
        case 413: .tooLarge
        default: .neFailure
        }
        guard let action else { return OMCError(kind, "NE \(element.key) refused: \(words)") }
        return OMCError(kind, "NE \(element.key) refused to \(action): \(words) (HTTP \(status))")
    }
}
