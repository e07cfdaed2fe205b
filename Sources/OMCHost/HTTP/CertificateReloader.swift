import PluginAPI
import ServiceLifecycle
import UnixSignals

/// Reloads the server certificate on SIGHUP and whenever its files change, so that a renewed
/// certificate is served without a restart; says in the log what is served now, or why new files
/// were refused and the certificate before is kept. A check is a `stat` of the two files; they are
/// read (a few kilobytes from local disk) only when one changed, so the cooperative pool is not held.
struct CertificateReloader: Service {
    let certificates: ServerCertificates
    let checkEvery: Duration
    let signals: [UnixSignal]
    let logger: PluginLogger

    func run() async throws {
        let certificates = self.certificates
        let logger = self.logger
        await withTaskGroup(of: Void.self) { group in
            if !signals.isEmpty {
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: signals) {
                        Self.report(certificates.reload(force: true), logger: logger)
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: checkEvery)
                    if Task.isCancelled { break }
                    Self.report(certificates.reload(), logger: logger)
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    private static func report(_ reload: ServerCertificates.Reload, logger: PluginLogger) {
        switch reload {
        case .unchanged:
            break
        case .reloaded(let summary):
            logger.info("server certificate reloaded: new connections get \(summary)")
        case .refused(let reason):
            logger.error("server certificate not reloaded, the one before is still served: \(reason)")
        }
    }
}
