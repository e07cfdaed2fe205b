import Hummingbird
public import HummingbirdCore
import HummingbirdTLS
public import Logging
public import NIOCore
public import NIOSSL

/// One HTTP listening socket that can be closed and opened again on the same port, which is how an
/// NE "refuses connections" and comes back. Each opening runs a new Hummingbird `Server` on the shared
/// event loop group, so no thread is started per NE.
///
/// Callers serialize ``listen()`` and ``stop()`` (each NE's ``FaultController`` does); the actor only
/// guards its own state.
public actor HTTPListener {
    /// Answers one request on one connection.
    public typealias Responder = HTTPChannelHandler.Responder

    private struct Running {
        let shutdown: @Sendable () async throws -> Void
        let task: Task<Void, Never>
    }

    /// Address bound.
    public nonisolated let host: String
    /// Port bound; before the first ``listen()`` it is the configured one, possibly 0.
    public private(set) var port: Int
    private let responder: Responder
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let tls: TLSConfiguration?
    private var running: Running?

    /// Longest a stop waits for answers in progress before cutting their connections.
    static let stopGrace: Duration = .seconds(5)

    /// A listener, not yet listening; with `tls` it serves HTTPS.
    public init(host: String, port: Int, eventLoopGroup: any EventLoopGroup, logger: Logger, tls: TLSConfiguration? = nil,
                responder: @escaping Responder) {
        self.tls = tls
        self.host = host
        self.port = port
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.responder = responder
    }

    /// Whether the socket is open.
    public var isListening: Bool { running != nil }

    /// Opens the socket (on the port of the previous opening, if any) and returns the port.
    @discardableResult
    public func listen() async throws -> Int {
        if running != nil { return port }
        let (events, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let http = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: .seconds(60)))
        let configuration = ServerConfiguration(address: .hostname(host, port: port), serverName: nil, backlog: 256, reuseAddress: true)
        let onServerRunning: @Sendable (any Channel) async -> Void = { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        let run: @Sendable () async throws -> Void
        let shutdown: @Sendable () async throws -> Void
        if let tls {
            let server = Server(childChannelSetup: try TLSChannel(http, tlsConfiguration: tls), configuration: configuration,
                                onServerRunning: onServerRunning, eventLoopGroup: eventLoopGroup, logger: logger)
            (run, shutdown) = ({ try await server.run() }, { try await server.shutdownGracefully() })
        } else {
            let server = Server(childChannelSetup: http, configuration: configuration,
                                onServerRunning: onServerRunning, eventLoopGroup: eventLoopGroup, logger: logger)
            (run, shutdown) = ({ try await server.run() }, { try await server.shutdownGracefully() })
        }
        let task = Task {
            do {
                try await run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        var bound: Int?
        for try await value in events {
            bound = value
            break
        }
        guard let bound, bound > 0 else {
            task.cancel()
            throw ListenerError(owner: "listener", host: host, port: port, reason: "the server stopped before listening")
        }
        port = bound
        running = Running(shutdown: shutdown, task: task)
        return bound
    }

    /// Closes the socket so that new connections are refused, lets answers in progress finish (cutting
    /// them after ``stopGrace``), and returns when every connection is closed.
    public func stop() async {
        guard let current = running else { return }
        running = nil
        let stopped = Task { try? await current.shutdown() }
        let watchdog = Task {
            try? await Task.sleep(for: Self.stopGrace)
            if !Task.isCancelled { current.task.cancel() }
        }
        await stopped.value
        await current.task.value
        watchdog.cancel()
    }
}
