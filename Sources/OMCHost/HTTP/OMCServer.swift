import Hummingbird
import Logging
import PluginAPI
import ServiceLifecycle

/// The HTTP server around a runtime, with graceful shutdown: on SIGTERM or SIGINT it stops
/// accepting connections, lets in-flight requests finish (up to `shutdownGraceSeconds`), stops the
/// plugins in reverse order and closes the database.
package enum OMCServer {
    /// Serves until a shutdown signal. `onListening` receives the bound host and port.
    package static func run(_ runtime: HostRuntime, onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        let settings = runtime.settings
        var logger = Logger(label: "omc.http")
        logger.logLevel = .warning
        let application = Application(
            responder: OMCResponder(runtime: runtime),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "OMC"),
            onServerRunning: { channel in
                await onListening(settings.host, channel.localAddress?.port ?? settings.port)
            },
            logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: RuntimeService(runtime: runtime)), .init(service: application)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(settings.shutdownGraceSeconds)
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// Runs the scheduled jobs while the server runs; at shutdown (after the HTTP server, which the
/// service group stops first), stops the plugins and closes the database.
private struct RuntimeService: Service {
    let runtime: HostRuntime

    func run() async throws {
        let jobs = Task { await runtime.runJobs() }
        try? await gracefulShutdown()
        jobs.cancel()
        await jobs.value
        await runtime.shutdown()
        runtime.logger.info("OMC stopped")
    }
}
