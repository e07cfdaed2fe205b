import PluginAPI

/// The trace plugin's configuration, read once.
struct TraceSettings: Sendable {
    let checkIntervalSeconds: Int
    let maximumTaskDays: Int
    let maximumCaptureSeconds: Int

    init(_ configuration: PluginConfiguration) {
        checkIntervalSeconds = configuration.integer("checkIntervalSeconds") ?? 5
        maximumTaskDays = configuration.integer("maximumTaskDays") ?? 30
        maximumCaptureSeconds = configuration.integer("maximumCaptureSeconds") ?? 3600
    }
}
