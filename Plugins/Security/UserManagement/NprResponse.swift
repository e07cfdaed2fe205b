import PluginAPI

/// The user-management API's answer to a change (`createuser`, `deleteuser`, `updateuser`):
/// `{"ok", "id", "responseMessage", "responseList", "HTTPResponse", "httpresponse"}`. Failures
/// keep the shape, with `ok: false`, the reason in `responseMessage` and the HTTP status.
enum NprResponse {
    static func success(id: Int64, message: String) -> OMCResponse {
        answer(ok: true, id: .string(String(id)), message: message, status: 200)
    }

    static func failure(_ error: OMCError) -> OMCResponse {
        answer(ok: false, id: .null, message: error.message, status: error.httpStatus)
    }

    private static func answer(ok: Bool, id: JSONValue, message: String, status: Int) -> OMCResponse {
        .json(JSONValue.object(["ok": .bool(ok), "id": id, "responseMessage": .string(message), "responseList": .null,
                                "HTTPResponse": .number(Double(status)), "httpresponse": .number(Double(status))]), status: status)
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
