import Foundation
import PluginAPI

/// The `server.cors:` section: the web origins whose pages may call the OMC from a browser. Without
/// it the OMC sends no CORS headers, so browsers keep every other site's page from reading its answers.
public struct CORSSettings: Sendable, Hashable {
    /// Origins allowed, as a browser sends them (`https://console.example.net:8443`), or `*` for any.
    public var allowedOrigins: [String]
    /// How long a browser may reuse a preflight answer.
    public var maxAgeSeconds = 600

    /// Settings allowing `allowedOrigins`.
    public init(allowedOrigins: [String]) {
        self.allowedOrigins = allowedOrigins
    }

    /// The keys of `server.cors:`.
    static let fields: [ConfigField] = [
        .list("allowedOrigins", maxLength: 255, required: true,
              help: "origins whose pages may call the OMC, like https://console.example.net, or '*' for any"),
        .integer("maxAgeSeconds", default: 600, range: 0...86_400, help: "how long a browser may reuse a preflight answer"),
    ]

    /// The request headers a page may send: the document's own and the OMC's.
    static let allowedHeaders = "Authorization, AccessToken, Content-Type, Accept-Language, X-Request-Id"
    /// The answer headers a page may read besides the simple ones.
    static let exposedHeaders = "X-Request-Id, Content-Disposition"

    init(values: PluginConfiguration) {
        allowedOrigins = values.list("allowedOrigins") ?? []
        maxAgeSeconds = values.integer("maxAgeSeconds") ?? maxAgeSeconds
    }

    /// Whether `origin` is `*` or `scheme://host[:port]` with scheme http or https: what a browser sends in `Origin`.
    static func isOrigin(_ text: String) -> Bool {
        if text == "*" { return true }
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty, components.path.isEmpty, components.query == nil,
              components.fragment == nil, components.user == nil else { return false }
        return true
    }

    /// Adds the CORS headers to the answer of a request whose `Origin` is allowed; other answers are
    /// left alone. A preflight (`OPTIONS` with `Access-Control-Request-Method`) also learns the methods
    /// (those of its `Allow` header), the headers and how long to remember them.
    func apply(to response: inout OMCResponse, request: IncomingRequest) {
        guard let origin = request.headers["Origin"], allowedOrigins.contains("*") || allowedOrigins.contains(origin) else { return }
        response.headers.set("Access-Control-Allow-Origin", origin)
        response.headers.add("Vary", "Origin")
        response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
        guard request.method == "OPTIONS", request.headers["Access-Control-Request-Method"] != nil,
              let allowed = response.headers["Allow"] else { return }
        response.headers.set("Access-Control-Allow-Methods", allowed)
        response.headers.set("Access-Control-Allow-Headers", Self.allowedHeaders)
        response.headers.set("Access-Control-Max-Age", String(maxAgeSeconds))
    }
}
