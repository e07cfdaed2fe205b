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
}
