public import PluginAPI

/// A log line the mock host captured.
public struct CapturedLog: Sendable {
    /// Its level.
    public let level: PluginLogger.Level
    /// Its message.
    public let message: String
    /// Its metadata (`plugin`, `request-id`, …).
    public let metadata: [String: String]
}
