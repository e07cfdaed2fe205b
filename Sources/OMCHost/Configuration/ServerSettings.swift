import PluginAPI

/// The `server:` section of `plugins.yaml`.
public struct ServerSettings: Sendable, Hashable {
    /// Address to listen on. The default keeps the OMC on the local machine until an operator opens it.
    public var host = "127.0.0.1"
    /// Port to listen on; `0` picks a free one (tests).
    public var port = 8080
    /// Folder of the SQLite database, the signing keys and uploaded files.
    public var dataDirectory = "data"
    /// Largest request body, in bytes, unless a route declares its own limit.
    public var requestBodyLimit = 10 * 1024 * 1024
    /// `debug`, `info`, `warning` or `error`.
    public var logLevel: PluginLogger.Level = .info
    /// How long in-flight requests may take to finish after SIGTERM.
    public var shutdownGraceSeconds = 30
    /// How long an NE has to answer a request completely, unless the request sets its own timeout.
    public var neTimeoutMilliseconds = 5000
    /// Most connections open to one NE at once; further requests wait for one.
    public var neConnectionsPerNE = 8

    /// The defaults.
    public init() {}

    /// The keys of the `server:` section, with their rules; the file is checked against them.
    static let fields: [ConfigField] = [
        .string("host", default: "127.0.0.1", maxLength: 255, help: "address to listen on"),
        .integer("port", default: 8080, range: 0...65535, help: "TCP port; 0 picks a free one"),
        .string("dataDir", default: "data", maxLength: 4096, help: "folder of the database and keys"),
        .integer("requestBodyLimit", default: 10 * 1024 * 1024, range: 1024...(1 << 30), help: "largest request body in bytes"),
        .string("logLevel", default: "info", allowed: ["debug", "info", "warning", "error"], help: "log level"),
        .integer("shutdownGraceSeconds", default: 30, range: 1...600, help: "time in-flight requests get at shutdown"),
        .integer("neTimeoutMilliseconds", default: 5000, range: 100...120_000, help: "time an NE has to answer"),
        .integer("neConnectionsPerNE", default: 8, range: 1...64, help: "most connections open to one NE at once"),
    ]

    /// Settings from validated values of the `server:` section.
    init(values: PluginConfiguration) {
        host = values.string("host") ?? host
        port = values.integer("port") ?? port
        dataDirectory = values.string("dataDir") ?? dataDirectory
        requestBodyLimit = values.integer("requestBodyLimit") ?? requestBodyLimit
        logLevel = switch values.string("logLevel") {
        case "debug": .debug
        case "warning": .warning
        case "error": .error
        default: .info
        }
        shutdownGraceSeconds = values.integer("shutdownGraceSeconds") ?? shutdownGraceSeconds
        neTimeoutMilliseconds = values.integer("neTimeoutMilliseconds") ?? neTimeoutMilliseconds
        neConnectionsPerNE = values.integer("neConnectionsPerNE") ?? neConnectionsPerNE
    }
}
