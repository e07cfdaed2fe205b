import Foundation
import Logging
import PluginAPI

/// What the `omc` executable does, kept in the host so that tests and benchmarks start the OMC the same way.
package enum Launcher {
    /// Reads and parses a `plugins.yaml`.
    package static func loadFile(_ path: String) throws(ConfigurationError) -> PluginsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError([ConfigurationDiagnostic(file: path, line: nil, problem: "cannot read the file",
                                                              fix: "check the path, or give another with --config FILE")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError([ConfigurationDiagnostic(file: path, line: nil, problem: "the file is not UTF-8 text",
                                                              fix: "save it as UTF-8")])
        }
        return try PluginsFile.parse(text, path: path)
    }

    /// Validates, opens the database, migrates, starts the plugins and serves until SIGTERM/SIGINT.
    /// `onListening` is told the address once the socket is bound.
    package static func serve(_ assembly: HostAssembly, onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        let settings = assembly.file.server
        // Bad certificate files stop the start before anything is opened or listens.
        let certificates = try settings.tls.map { tls throws(ConfigurationError) in try ServerCertificates(tls, file: assembly.file) }
        let logSink = LogSink.swiftLog(level: settings.logLevel)
        let loosened = try DataFolderPermissions.tighten(directory: settings.dataDirectory)
        if !loosened.isEmpty {
            Logger(label: "omc").warning("made owner-only at start (others could read them): \(loosened.joined(separator: ", "))")
        }
        let database = try HostDatabase.open(directory: settings.dataDirectory)
        let runtime = try await HostRuntime.boot(assembly: assembly, database: database, clock: SystemClock(), logSink: logSink)
        if let certificates { runtime.logger.info("serving HTTPS with \(certificates.summary)") }
        try await OMCServer(runtime, certificates: certificates, onListening: onListening).run()
    }

    /// Sends swift-log's lines to standard error, at the configured level.
    package static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }
}
