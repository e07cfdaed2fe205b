/// What a route handler answers.
///
/// Most handlers use the API document's envelopes: ``success(_:)`` (`{code, msg, data}`),
/// ``list(rows:total:)`` (`{code, msg, rows, total}`) and ``success()`` (`{code, msg}`). Routes the
/// document gives another shape use ``json(_:status:)``; files on disk use ``download(path:fileName:contentType:removeWhenSent:)``, other downloads ``stream(contentType:fileName:write:)``.
public struct OMCResponse: Sendable {
    /// How the body is produced.
    public enum Body: Sendable {
        /// No body.
        case empty
        /// Raw bytes.
        case bytes([UInt8])
        /// A value the host encodes as JSON.
        case json(any Encodable & Sendable)
        /// Chunks written as they are produced (exports, file downloads).
        case stream(@Sendable (any ResponseBodyWriter) async throws -> Void)
    }

    /// The HTTP status.
    public var status: Int
    /// Extra header fields; the host adds `Content-Type` for JSON and `X-Request-Id`.
    public var headers: HeaderFields
    /// The body.
    public var body: Body

    /// A response with everything given.
    public init(status: Int = 200, headers: HeaderFields = HeaderFields(), body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `{"code": 200, "msg": "Success", "data": data}`.
    public static func success<T: Encodable & Sendable>(_ data: T) -> OMCResponse {
        OMCResponse(body: .json(DataEnvelope(code: 200, msg: "Success", data: data)))
    }

    /// `{"code": 200, "msg": "Success"}`; a `message` given is rendered in the caller's language, the
    /// document's `Success` stays as it is in every language (clients compare it).
    public static func success(message: LocalizedMessage = .verbatim("Success")) -> OMCResponse {
        OMCResponse(body: .json(MessageEnvelope(code: 200, msg: message)))
    }

    /// `{"code": 200, "msg": "Success", "rows": rows, "total": total}`; `total` counts every row that
    /// matches, not only this page's.
    public static func list<T: Encodable & Sendable>(rows: [T], total: Int) -> OMCResponse {
        OMCResponse(body: .json(ListEnvelope(code: 200, msg: "Success", rows: rows, total: total)))
    }

    /// `value` as JSON, without an envelope, for routes the API document gives their own shape.
    public static func json<T: Encodable & Sendable>(_ value: T, status: Int = 200) -> OMCResponse {
        OMCResponse(status: status, body: .json(value))
    }

    /// The failure envelope `{"code": …, "msg": …}` of `error`, with its HTTP status.
    public static func failure(_ error: OMCError) -> OMCResponse {
        OMCResponse(status: error.httpStatus, body: .json(MessageEnvelope(code: error.envelopeCode, msg: error.localized)))
    }

    /// A streamed download; `fileName`, when given, becomes `Content-Disposition: attachment`.
    public static func stream(contentType: String, fileName: String? = nil,
                              write: @escaping @Sendable (any ResponseBodyWriter) async throws -> Void) -> OMCResponse {
        var headers = HeaderFields([("Content-Type", contentType)])
        if let fileName { headers.add("Content-Disposition", ContentDisposition.attachment(fileName: fileName)) }
        return OMCResponse(headers: headers, body: .stream(write))
    }
}

/// `{code, msg, data}`.
struct DataEnvelope<T: Encodable & Sendable>: Encodable, Sendable {
    let code: Int
    let msg: String
    let data: T
}

/// `{code, msg, rows, total}`.
struct ListEnvelope<T: Encodable & Sendable>: Encodable, Sendable {
    let code: Int
    let msg: String
    let rows: [T]
    let total: Int
}

/// `{code, msg}`.
struct MessageEnvelope: Encodable, Sendable {
    let code: Int
    let msg: LocalizedMessage
}
