import PluginAPI

/// The user-management API's answer to a change (`createuser`, `deleteuser`, `updateuser`):
/// `{"ok", "id", "responseMessage", "responseList", "HTTPResponse", "httpresponse"}`. Failures
/// keep the shape, with `ok: false`, the reason in `responseMessage` and the HTTP status.
enum NprResponse {
    static func success(id: Int64, message: LocalizedMessage) -> OMCResponse {
        .json(Answer(ok: true, id: String(id), responseMessage: message, status: 200))
    }

    static func failure(_ error: OMCError) -> OMCResponse {
        .json(Answer(ok: false, id: nil, responseMessage: error.localized, status: error.httpStatus), status: error.httpStatus)
    }

    /// The answer; `responseMessage` is rendered in the caller's language.
    private struct Answer: Encodable, Sendable {
        let ok: Bool
        let id: String?
        let responseMessage: LocalizedMessage
        let status: Int

        enum CodingKeys: String, CodingKey { case ok, id, responseMessage, responseList, HTTPResponse, httpresponse }

        /// `id` (when absent) and `responseList` are present as `null`, as the document shows them.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ok, forKey: .ok)
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            try container.encode(responseMessage, forKey: .responseMessage)
            try container.encodeNil(forKey: .responseList)
            try container.encode(status, forKey: .HTTPResponse)
            try container.encode(status, forKey: .httpresponse)
        }
    }

    /// Runs `work`; an ``OMCError`` becomes a failure in this shape instead of the OMC's `{code, msg}`.
    static func answering(_ work: () async throws -> OMCResponse) async throws -> OMCResponse {
        do {
            return try await work()
        } catch let error as OMCError {
            return failure(error)
        }
    }
}
