import Hummingbird
import Logging
import PluginAPI
import ServiceLifecycle
import UnixSignals

/// The HTTP server around a runtime, with graceful shutdown: on SIGTERM or SIGINT (or
/// ``shutdown()``) it stops accepting connections, lets in-flight requests finish (up to
/// `shutdownGraceSeconds`), stops the plugins in reverse order and closes the database.
package final class OMCServer: Sendable {
    private let group: ServiceGroup

    /// A server for `runtime`; `onListening` receives the bound host and port.
    package init(_ runtime: HostRuntime, signals: [UnixSignal] = [.sigterm, .sigint],
                 onListening: @escaping @Sendable (String, Int) async -> Void) {
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
            gracefulShutdownSignals: signals,
            logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(settings.shutdownGraceSeconds)
        group = ServiceGroup(configuration: configuration)
    }

    /// Serves until shut down.
    package func run() async throws {
        try await group.run()
    }

    /// Starts the graceful shutdown; ``run()`` returns when it is complete.
    package func shutdown() async {
        await group.triggerGracefulShutdown()
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
