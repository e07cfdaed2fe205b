import Synchronization

/// An ``OMCServer`` started in the current process, without signal handlers, for tests and
/// benchmarks that need the real HTTP stack on a free loopback port.
package struct RunningServer: Sendable {
    /// The bound port.
    package let port: Int
    private let server: OMCServer
    private let task: Task<Void, any Error>

    /// Starts serving `runtime` and returns once the socket is bound (the runtime's `server.port`
    /// should be 0).
    package static func start(_ runtime: HostRuntime) async throws -> RunningServer {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let certificates = try runtime.settings.tls.map { tls throws(ConfigurationError) in try ServerCertificates(tls, file: runtime.assembly.file) }
        let server = OMCServer(runtime, certificates: certificates, signals: [], reloadSignals: []) { _, port in
            announce.yield(port)
            announce.finish()
        }
        let task = Task {
            defer { announce.finish() }
            try await server.run()
        }
        for await port in ports { return RunningServer(port: port, server: server, task: task, overTLS: certificates != nil) }
        try await task.value
        throw CancellationError()
    }

    /// Whether it serves HTTPS.
    package let overTLS: Bool

    /// `http://127.0.0.1:<port>`, or `https://` with `server.tls`.
    package var baseURL: String { "\(overTLS ? "https" : "http")://127.0.0.1:\(port)" }

    /// Graceful shutdown; returns when the server, the plugins and the database have stopped.
    package func stop() async throws {
        await server.shutdown()
        try await task.value
    }
}
