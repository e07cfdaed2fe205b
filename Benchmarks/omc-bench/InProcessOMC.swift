import OMCHost
import PluginAPI

/// The full OMC host in the benchmark's process, built the way `omc serve` builds it:
/// configuration, assembly, database, runtime, server.
struct InProcessOMC: Sendable {
    /// Serves only ``BenchPlugin``. `logLevel: info` is the production default: the host's
    /// per-request logging costs what it costs there.
    static let benchConfiguration = """
        server:
          host: 127.0.0.1
          port: 0
          logLevel: info
        plugins:
          - id: bench
        """

    private let server: RunningServer
    /// The host behind the server, for measuring its request pipeline without the network.
    let runtime: HostRuntime

    /// Boots on the address `configuration` (a `plugins.yaml` text) names, with its database in
    /// `dataDirectory` and its plugins taken from `catalog`; returns once the socket is bound.
    /// The configuration should say `port: 0` so that the benchmark never collides with a running OMC.
    static func start(dataDirectory: String, configuration: String = benchConfiguration,
                      catalog: PluginCatalog = PluginCatalog([BenchPlugin.self])) async throws -> InProcessOMC {
        var file = try PluginsFile.parse(configuration, path: "omc-bench plugins.yaml")
        file.server.dataDirectory = dataDirectory
        let assembly = try HostAssembly.assemble(file, catalog: catalog)
        let database = try HostDatabase.open(directory: dataDirectory)
        let runtime = try await HostRuntime.boot(assembly: assembly, database: database, clock: SystemClock(),
                                                 logSink: LogSink.swiftLog(level: file.server.logLevel))
        // No signal handlers: the benchmark stops this server itself and must stay interruptible.
        return InProcessOMC(server: try await RunningServer.start(runtime), runtime: runtime)
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    var baseURL: String { server.baseURL }

    /// Graceful shutdown: stops the plugins and closes the database.
    func stop() async throws {
        try await server.stop()
    }
}
