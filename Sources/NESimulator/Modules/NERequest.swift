import Foundation
public import Hummingbird

/// An HTTP request routed to a module's ``NERoute``.
public struct NERequest: Sendable {
    /// The request itself, for headers and streamed bodies.
    public let request: Request
    /// Values of the `{name}` segments of the route's pattern.
    public let parameters: [String: String]
    /// The NE that received it.
    public let context: NEContext
    /// Hummingbird's context of the request (for file I/O helpers, the local port, the logger).
    public let requestContext: NERequestContext

    /// Largest JSON body ``json(limit:)`` reads by default.
    public static let defaultJSONLimit = 1 << 20

    /// A request.
    public init(request: Request, parameters: [String: String], context: NEContext, requestContext: NERequestContext) {
        self.request = request
        self.parameters = parameters
        self.context = context
        self.requestContext = requestContext
    }

    /// A query parameter, percent-decoded.
    public func query(_ name: String) -> String? {
        request.uri.queryParameters[name[...]].map(String.init)
    }

    /// Reads the body as JSON; throws an ``NEReplyError`` (400 or 413) when it is not JSON or too big.
    public func json(limit: Int = NERequest.defaultJSONLimit) async throws -> JSONValue {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw NEReplyError(status: 413, "the body is \(length) bytes; at most \(limit) are accepted")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw NEReplyError(status: 413, "the body is larger than \(limit) bytes")
        }
        guard let value = JSONValue.parse(Data(buffer.readableBytesView)) else {
            throw NEReplyError(status: 400, "the body is not valid JSON")
        }
        return value
    }
}
