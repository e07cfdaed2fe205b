import HTTPTypes
public import Hummingbird
import NIOCore

/// Builds the JSON answers NEs give, in the API document's envelope.
public enum NEReply {
    /// `value` as the JSON body, with `status`.
    public static func json(_ value: JSONValue, status: Int = 200) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.encoded)))
    }

    /// `{"code": 200, "msg": "Success", "data": data}`.
    public static func success(_ data: JSONValue) -> Response {
        json(["code": 200, "msg": "Success", "data": data])
    }

    /// `{"code": status, "msg": message}` with that HTTP status.
    public static func failure(_ status: Int, _ message: String) -> Response {
        json(["code": .int(status), "msg": .string(message)], status: status)
    }

    /// The answer for an error a handler threw.
    public static func failure(_ error: any Error) -> Response {
        switch error {
        case let error as NEReplyError: return failure(error.status, error.message)
        case let error as NEReplyError: return failure(error.status, error.message)
        default: return failure(500, "internal error: \(error)")
        }
    }
}
