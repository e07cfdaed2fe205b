public import HTTPTypes
public import Hummingbird

/// An HTTP endpoint an NE-type module adds, such as a UDM's subscriber API.
public struct NERoute: Sendable {
    /// Answers a request; a thrown ``NEReplyError`` becomes its JSON error, any other error a 500.
    public typealias Handler = @Sendable (NERequest) async throws -> Response

    /// HTTP method.
    public let method: HTTPRequest.Method
    /// Path pattern, like `/api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo/{imsi}`;
    /// see ``RoutePattern``.
    public let pattern: RoutePattern
    /// What the route does.
    public let handler: Handler

    /// A route.
    public init(_ method: HTTPRequest.Method, _ pattern: String, handler: @escaping Handler) {
        self.method = method
        self.pattern = RoutePattern(pattern)
        self.handler = handler
    }
}
