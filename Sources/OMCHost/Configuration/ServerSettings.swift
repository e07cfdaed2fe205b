import Foundation
public import PluginAPI

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
    /// The certificate and key to serve HTTPS with; `nil` serves plain HTTP.
    public var tls: ServerTLSSettings?
    /// Whether plain HTTP may be served on an address other than loopback.
    public var allowPlainHTTP = false
    /// How long a client has, from connecting or from starting a request, to send the whole request head.
    public var headerTimeoutSeconds = 10
    /// How long a connection may stay open with no request in progress.
    public var idleTimeoutSeconds = 60
    /// Most client connections open at once; further ones are closed as they are accepted.
    public var maxConnections = 4096
    /// How NEs are reached over HTTPS; `nil` reaches every NE over plain HTTP.
    public var neTLS: NETLSSettings?
    /// Which web origins may call the OMC from a browser; `nil` sends no CORS headers.
    public var cors: CORSSettings?

    /// The defaults.
    public init() {}

    /// The keys of the `server:` section, with their rules; the file is checked against them. `tls`,
    /// `neTLS` and `cors` are sections of their own (``ServerTLSSettings/fields``, ``NETLSSettings/fields``,
    /// ``CORSSettings/fields``).
    static let fields: [ConfigField] = [
        .string("host", default: "127.0.0.1", maxLength: 255, help: "address to listen on"),
        .integer("port", default: 8080, range: 0...65535, help: "TCP port; 0 picks a free one"),
        .string("dataDir", default: "data", maxLength: 4096, help: "folder of the database and keys"),
        .integer("requestBodyLimit", default: 10 * 1024 * 1024, range: 1024...(1 << 30), help: "largest request body in bytes"),
        .string("logLevel", default: "info", allowed: ["debug", "info", "warning", "error"], help: "log level"),
        .integer("shutdownGraceSeconds", default: 30, range: 1...600, help: "time in-flight requests get at shutdown"),
        .integer("neTimeoutMilliseconds", default: 5000, range: 100...120_000, help: "time an NE has to answer"),
        .integer("neConnectionsPerNE", default: 8, range: 1...64, help: "most connections open to one NE at once"),
        .boolean("allowPlainHTTP", default: false, help: "serve plain HTTP on an address other than loopback (passwords and tokens cross the network in clear)"),
        .integer("headerTimeoutSeconds", default: 10, range: 1...300, help: "time a client has to send a whole request head"),
        .integer("idleTimeoutSeconds", default: 60, range: 1...3600, help: "time a connection may stay open with no request"),
        .integer("maxConnections", default: 4096, range: 1...1_000_000, help: "most client connections open at once"),
    ]

    /// The keys that are sections of their own, with what they hold.
    static let sections = ["tls": "certificateFile and keyFile", "neTLS": "caFile", "cors": "allowedOrigins"]

    /// Settings from validated values of the `server:` section and its `tls:`, `neTLS:` and `cors:` sections.
    init(values: PluginConfiguration, tls: PluginConfiguration?, neTLS: PluginConfiguration?, cors: PluginConfiguration? = nil) {
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
        allowPlainHTTP = values.boolean("allowPlainHTTP") ?? allowPlainHTTP
        headerTimeoutSeconds = values.integer("headerTimeoutSeconds") ?? headerTimeoutSeconds
        idleTimeoutSeconds = values.integer("idleTimeoutSeconds") ?? idleTimeoutSeconds
        maxConnections = values.integer("maxConnections") ?? maxConnections
        self.tls = tls.map(ServerTLSSettings.init(values:))
        self.neTLS = neTLS.map(NETLSSettings.init(values:))
        self.cors = cors.map(CORSSettings.init(values:))
    }

    /// Whether `host` can only be reached from this machine.
    var listensOnLoopbackOnly: Bool {
        let address = host.lowercased()
        if address == "localhost" || address == "::1" || address == "[::1]" { return true }
        var v4 = in_addr()
        // 127.0.0.0/8, written as an address (a host name such as 127.example.net is not loopback).
        return inet_pton(AF_INET, address, &v4) == 1 && UInt32(bigEndian: v4.s_addr) >> 24 == 127
    }
}
