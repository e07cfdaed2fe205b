import PluginAPI

/// The plugin's configuration, typed.
struct NEManagementSettings: Sendable {
    let pollIntervalSeconds: Int
    let pollConcurrency: Int
    let pushFileMaxBytes: Int
    let omcID: String

    init(_ configuration: PluginConfiguration) {
        pollIntervalSeconds = configuration.integer("pollIntervalSeconds") ?? 30
        pollConcurrency = configuration.integer("pollConcurrency") ?? 32
        pushFileMaxBytes = (configuration.integer("pushFileMaxMegabytes") ?? 512) * 1024 * 1024
        omcID = configuration.string("omcId") ?? "001"
    }
}
