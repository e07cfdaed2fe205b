import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import PluginAPI
import ServiceLifecycle
import UnixSignals

/// The HTTP server around a runtime, with graceful shutdown: on SIGTERM or SIGINT (or
/// ``shutdown()``) it stops accepting connections, lets in-flight requests finish (up to
/// `shutdownGraceSeconds`), stops the plugins in reverse order and closes the database. With
/// `server.tls` it serves HTTPS, reloading the certificate on SIGHUP and when its files change.
package final class OMCServer: Sendable {
    private let group: ServiceGroup

    /// A server for `runtime`, serving HTTPS with `certificates` when given; `onListening` receives
    /// the bound host and port.
    init(_ runtime: HostRuntime, certificates: ServerCertificates?, signals: [UnixSignal] = [.sigterm, .sigint],
                 reloadSignals: [UnixSignal] = [.sighup], onListening: @escaping @Sendable (String, Int) async -> Void) {
        let settings = runtime.settings
        var logger = Logger(label: "omc.http")
        logger.logLevel = .warning
        let connectionLimit = Self.connectionLimit(settings.maxConnections, logger: runtime.logger)
        let connections = ConnectionCounter(limit: connectionLimit) { [runtime] refused in
            runtime.logger.warning("\(connectionLimit) connections are open: further ones are closed at accept (\(refused) so far); "
                + "raise server.maxConnections or find the client holding them")
        }
        let responder = OMCResponder(runtime: runtime)
        let server = HTTPServerBuilder { respond in
            GuardedHTTPChannel(
                base: HTTP1Channel(responder: respond, configuration: .init(idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)))),
                certificates: certificates, connections: connections, headerTimeout: .seconds(Int64(settings.headerTimeoutSeconds)))
        }
        let application = Application(
            responder: responder,
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "OMC"),
            onServerRunning: { channel in
                await onListening(settings.host, channel.localAddress?.port ?? settings.port)
            },
            logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: RuntimeService(runtime: runtime)), .init(service: application)]
        if let certificates, let tls = settings.tls {
            services.append(.init(service: CertificateReloader(certificates: certificates, checkEvery: .seconds(tls.reloadCheckSeconds),
                                                               signals: reloadSignals, logger: runtime.logger)))
        }
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: signals, logger: logger)
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

    /// `configured`, kept below the process's file descriptor limit with room for the database,
    /// NE connections and files.
    private static func connectionLimit(_ configured: Int, logger: PluginLogger) -> Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int32.max) else { return configured }
        let reserve = 256
        let available = max(1, Int(limit.rlim_cur) - reserve)
        guard configured > available else { return configured }
        logger.warning("server.maxConnections is \(configured), but the process may open only \(limit.rlim_cur) files: "
            + "at most \(available) client connections are kept open (raise the limit with ulimit -n to allow more)")
        return available
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
