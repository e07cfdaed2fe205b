import OMCHost
import PluginAPI

/// The full OMC host in the benchmark's process, serving ``BenchPlugin``, built the way `omc serve`
/// builds it: configuration, assembly, database, runtime, server.
struct InProcessOMC: Sendable {
    /// `logLevel: info` is the production default: the host's per-request logging costs what it costs there.
    static let configuration = """
        server:
          host: 127.0.0.1
          port: 0
          logLevel: info
        plugins:
          - id: bench
        """

    let port: Int
    private let server: OMCServer
    private let task: Task<Void, any Error>

    /// Boots on a free loopback port with its database in `dataDirectory`; returns once the socket is bound.
    static func start(dataDirectory: String) async throws -> InProcessOMC {
        var file = try PluginsFile.parse(configuration, path: "omc-bench plugins.yaml")
        file.server.dataDirectory = dataDirectory
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([BenchPlugin.self]))
        let database = try HostDatabase.open(directory: dataDirectory)
        let runtime = try await HostRuntime.boot(assembly: assembly, database: database, clock: SystemClock(),
                                                 logSink: LogSink.swiftLog(level: file.server.logLevel))
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        // No signal handlers: the benchmark stops this server itself and must stay interruptible.
        let server = OMCServer(runtime, signals: []) { _, port in
            announce.yield(port)
            announce.finish()
        }
        let task = Task {
            defer { announce.finish() }
            try await server.run()
        }
        for await port in ports { return InProcessOMC(port: port, server: server, task: task) }
        try await task.value
        throw BenchmarkError("the in-process OMC stopped before listening")
    }

    var url: String { "http://127.0.0.1:\(port)\(BenchPlugin.pingPath)" }

    /// Graceful shutdown: stops the plugins and closes the database.
    func stop() async throws {
        await server.shutdown()
        try await task.value
    }
}
