import PluginAPI

/// The performance plugin's configuration, read once.
struct PerformanceSettings: Sendable {
    let retryIntervalSeconds: Int
    let rawRetentionDays: Int
    let hourlyRetentionDays: Int
    let dailyRetentionDays: Int
    let maximumQueryPoints: Int

    init(_ configuration: PluginConfiguration) {
        retryIntervalSeconds = configuration.integer("retryIntervalSeconds") ?? 60
        rawRetentionDays = configuration.integer("rawRetentionDays") ?? 7
        hourlyRetentionDays = configuration.integer("hourlyRetentionDays") ?? 90
        dailyRetentionDays = configuration.integer("dailyRetentionDays") ?? 730
        maximumQueryPoints = configuration.integer("maximumQueryPoints") ?? 200_000
    }
}
