/// A request a plugin sends to an NE through ``NEGateway``: a path on the NE's management interface,
/// never a URL, so that plugins do not care where the NE is.
public struct NERequest: Sendable {
    /// What is sent.
    public enum Body: Sendable {
        /// Nothing.
        case empty
        /// Bytes in memory.
        case bytes([UInt8])
        /// A file, streamed from disk.
        case file(path: String, size: Int)
    }

    /// The method.
    public var method: HTTPMethod
    /// The path on the NE (`/api/rest/systemManagement/v1/elementType/udm/objectType/systemState`).
    public var path: String
    /// Query parameters.
    public var query: [(name: String, value: String)]
    /// The body.
    public var body: Body
    /// Its content type.
    public var contentType: String?
    /// How long the NE has to answer completely; `nil` for the host's default.
    public var timeout: Duration?
    /// Hears how many bytes of a ``Body/file(path:size:)`` body were sent so far, for a long
    /// upload's progress (``LongOperation``).
    public var bodySent: (@Sendable (Int) -> Void)?

    /// A request.
    public init(method: HTTPMethod, path: String, query: [(name: String, value: String)] = [], body: Body = .empty,
                contentType: String? = nil, timeout: Duration? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
        self.timeout = timeout
    }

    /// A `GET`.
    public static func get(_ path: String, query: [(name: String, value: String)] = [], timeout: Duration? = nil) -> NERequest {
        NERequest(method: .get, path: path, query: query, timeout: timeout)
    }

    /// A request with a JSON body.
    public static func json(_ method: HTTPMethod, _ path: String, _ body: JSONValue, query: [(name: String, value: String)] = [],
                            timeout: Duration? = nil) -> NERequest {
        let bytes = (try? JSONBody.encode(body)) ?? Array("null".utf8)
        return NERequest(method: method, path: path, query: query, body: .bytes(bytes), contentType: "application/json", timeout: timeout)
    }
}
