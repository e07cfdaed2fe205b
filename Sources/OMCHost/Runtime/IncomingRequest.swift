package import PluginAPI

/// A request as it arrives, before routing: what the HTTP server (or the mock host) hands the runtime.
package struct IncomingRequest: Sendable {
    package let method: String
    /// Percent-encoded path, without the query.
    package let path: String
    /// Raw query string, without `?`.
    package let query: String?
    package let headers: HeaderFields
    /// The body, read at most up to the given number of bytes (the route's limit).
    package let body: @Sendable (_ limit: Int) -> RequestBody
    /// From `Content-Length`, when the client sent it.
    package let contentLength: Int?
    package let clientAddress: String?

    package init(method: String, path: String, query: String?, headers: HeaderFields,
                 body: @escaping @Sendable (_ limit: Int) -> RequestBody,
                 contentLength: Int?, clientAddress: String?) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.contentLength = contentLength
        self.clientAddress = clientAddress
    }
}
