/// Structured logging for a plugin. Every line carries the plugin id; lines written while handling a
/// request also carry its request id.
public struct PluginLogger: Sendable {
    /// How important a line is.
    public enum Level: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Details for developers.
        case debug
        /// Normal operation.
        case info
        /// Something unexpected the OMC handled.
        case warning
        /// Something failed.
        case error

        /// Orders by importance.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `"info"`, …
        public var description: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    private let sink: @Sendable (Level, String, [String: String]) -> Void

    /// A logger writing to `sink` (the host and the mock host make these).
    public init(sink: @escaping @Sendable (Level, String, [String: String]) -> Void) {
        self.sink = sink
    }

    /// Writes a line.
    public func log(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        sink(level, message, metadata)
    }

    /// Writes a debug line.
    public func debug(_ message: String, _ metadata: [String: String] = [:]) { log(.debug, message, metadata) }
    /// Writes an info line.
    public func info(_ message: String, _ metadata: [String: String] = [:]) { log(.info, message, metadata) }
    /// Writes a warning.
    public func warning(_ message: String, _ metadata: [String: String] = [:]) { log(.warning, message, metadata) }
    /// Writes an error.
    public func error(_ message: String, _ metadata: [String: String] = [:]) { log(.error, message, metadata) }

    /// A logger that adds `metadata` to every line.
    public func with(_ metadata: [String: String]) -> PluginLogger {
        let sink = self.sink
        return PluginLogger { level, message, extra in
            sink(level, message, metadata.merging(extra) { _, new in new })
        }
    }
}
