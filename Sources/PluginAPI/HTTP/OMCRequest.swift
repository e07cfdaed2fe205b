import Foundation

/// A request as a plugin's route handler sees it: already routed, authenticated and authorized.
public struct OMCRequest: Sendable {
    /// The method.
    public let method: HTTPMethod
    /// The path without the query string, as the client sent it.
    public let path: String
    /// Values of the route's `{name}` segments.
    public let pathParameters: [String: String]
    /// The decoded query string.
    public let query: QueryParameters
    /// The request's header fields.
    public let headers: HeaderFields
    /// The body, readable once.
    public let body: RequestBody
    /// Who is calling; `nil` on ``Permission/open`` routes called without a session.
    public let caller: Caller?
    /// The id the host gave this request; it is in every log line and in the `X-Request-Id` header.
    public let requestID: String
    /// The caller's IP address as seen by the host.
    public let clientAddress: String?
    /// Whether the caller holds permissions beyond the route's own.
    public let permissions: PermissionCheck
    /// A folder private to this request where ``multipartForm()`` stores uploaded files. The host
    /// places it under ``HostInfo/scratchDirectory`` and removes it when the request ends; a request
    /// assembled without a host gets one under the system's temporary folder, which its maker removes.
    public let uploadDirectory: String

    /// Assembles a request (the host and the mock host do this).
    public init(method: HTTPMethod, path: String, pathParameters: [String: String] = [:],
                query: QueryParameters = QueryParameters(), headers: HeaderFields = HeaderFields(),
                body: RequestBody = RequestBody(bytes: []), caller: Caller? = nil,
                requestID: String, clientAddress: String? = nil, permissions: PermissionCheck = .everything,
                uploadDirectory: String? = nil) {
        self.method = method
        self.path = path
        self.pathParameters = pathParameters
        self.query = query
        self.headers = headers
        self.body = body
        self.caller = caller
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.permissions = permissions
        self.uploadDirectory = uploadDirectory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("omc-upload-\(UUID().uuidString)")
    }

    /// The language the caller asked for with `Accept-Language` (`zh_CN` or `en_US`).
    public var language: Language { Language(acceptLanguage: headers["Accept-Language"]) }

    /// The value of the `{name}` path segment, or ``OMCError`` if the route has none.
    public func pathParameter(_ name: String) throws(OMCError) -> String {
        guard let value = pathParameters[name], !value.isEmpty else {
            throw OMCError.invalid(name, "path parameter is required")
        }
        return value
    }

    /// Reads the whole body and decodes it as JSON. Malformed JSON, a missing field or a field of the
    /// wrong type becomes ``OMCError`` naming the field and what was expected.
    public func decode<T: Decodable>(_ type: T.Type) async throws -> T {
        let bytes = try await body.collect()
        return try JSONBody.decode(type, from: bytes)
    }
}
