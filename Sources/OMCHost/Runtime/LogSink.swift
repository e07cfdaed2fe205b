import Logging
package import PluginAPI

/// Where every log line of the host and its plugins goes: swift-log in the server, a list in the mock host.
package struct LogSink: Sendable {
    /// Lines below this level are dropped before any formatting.
    package let level: PluginLogger.Level
    let write: @Sendable (PluginLogger.Level, String, [String: String]) -> Void

    /// A sink writing lines at `level` and above to `write`.
    package init(level: PluginLogger.Level, write: @escaping @Sendable (PluginLogger.Level, String, [String: String]) -> Void) {
        self.level = level
        self.write = write
    }

    /// A logger tagging every line with `metadata`.
    func logger(_ metadata: [String: String]) -> PluginLogger {
        let level = self.level
        let write = self.write
        return PluginLogger { lineLevel, message, extra in
            guard lineLevel >= level else { return }
            write(lineLevel, message, extra.isEmpty ? metadata : metadata.merging(extra) { _, new in new })
        }
    }

    /// The same sink with secrets masked in every line's message and metadata (``SecretMasker``):
    /// a plugin that logs an NE's answer or an error echoing its input never writes a Ki or a password.
    func masking(_ masker: SecretMasker) -> LogSink {
        let write = self.write
        return LogSink(level: level) { lineLevel, message, metadata in
            var safe = metadata
            for (key, value) in metadata {
                safe[key] = masker.isSecret(key) ? SecretMasker.mask : masker.maskedPairs(value, extra: [])
            }
            write(lineLevel, masker.maskedText(message), safe)
        }
    }

    /// Structured lines through swift-log (`label=omc`, metadata as `key=value`).
    package static func swiftLog(level: PluginLogger.Level) -> LogSink {
        var logger = Logger(label: "omc")
        logger.logLevel = switch level {
        case .debug: .debug
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
        let configured = logger
        return LogSink(level: level) { lineLevel, message, metadata in
            let swiftLevel: Logger.Level = switch lineLevel {
            case .debug: .debug
            case .info: .info
            case .warning: .warning
            case .error: .error
            }
            configured.log(level: swiftLevel, "\(message)", metadata: metadata.mapValues { .string($0) })
        }
    }
}
