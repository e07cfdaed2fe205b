/// Handles one route.
public typealias RouteHandler = @Sendable (OMCRequest, PluginContext) async throws -> OMCResponse

/// A route a plugin serves, with everything the host needs to authorize, log and document it.
public struct RouteDeclaration: Sendable {
    /// The method.
    public let method: HTTPMethod
    /// The path, with `{name}` for variable segments (`/ne/udm/sub/{neId}/{imsi}`), as in the API document.
    public let path: String
    /// The right a caller needs.
    public let permission: Permission
    /// How the operation log records calls.
    public let audit: AuditClass
    /// One line for the OpenAPI document and the operation log's title.
    public let summary: String
    /// The largest body accepted, in bytes; `nil` for the server's `requestBodyLimit`.
    public let bodyLimit: Int?
    /// Extra body or query fields whose values the operation log masks for this route, besides the
    /// host's list (password, ki, opc, token, secret, …) and the plugin's
    /// ``PluginRegistrar/secretFields(_:)``.
    public let secretFields: [String]
    /// The `{name}` segments' rules; a segment declared nowhere is any non-empty text.
    public let pathParameters: [RouteParameter]
    /// The query parameters the route reads; others are let through unchecked.
    public let queryParameters: [RouteParameter]
    /// The body it takes, `nil` for none or undeclared.
    public let body: RouteBody?
    /// What it answers on success, `nil` when undeclared.
    public let answer: RouteAnswer?
    /// The code that answers.
    public let handler: RouteHandler
}
