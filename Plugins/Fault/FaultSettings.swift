import PluginAPI

/// The fault plugin's configuration, read once.
struct FaultSettings: Sendable {
    let retentionDays: Int
    let futureToleranceSeconds: Int
    let maximumAlarmsPerPush: Int
    let syncTimeoutSeconds: Int
    let streamMaxLag: Int
    let subscriptionRetrySeconds: Int
    let subscriptionDropAfterSeconds: Int
    let diskFreeMinimumPercent: Int

    init(_ configuration: PluginConfiguration) {
        retentionDays = configuration.integer("retentionDays") ?? 90
        futureToleranceSeconds = configuration.integer("futureToleranceSeconds") ?? 300
        maximumAlarmsPerPush = configuration.integer("maximumAlarmsPerPush") ?? 1000
        syncTimeoutSeconds = configuration.integer("syncTimeoutSeconds") ?? 30
        streamMaxLag = configuration.integer("streamMaxLag") ?? 10_000
        subscriptionRetrySeconds = configuration.integer("subscriptionRetrySeconds") ?? 5
        subscriptionDropAfterSeconds = configuration.integer("subscriptionDropAfterSeconds") ?? 86_400
        diskFreeMinimumPercent = configuration.integer("diskFreeMinimumPercent") ?? 10
    }

    /// The manifest's fields, with their defaults.
    static let fields: [ConfigField] = [
        .integer("retentionDays", default: 90, range: 1...3650, help: "days cleared alarms are kept in history before the purge job removes them"),
        .integer("futureToleranceSeconds", default: 300, range: 0...86_400,
                 help: "how far after the OMC's time an NE's eventTime may be before the push is refused (clock skew)"),
        .integer("maximumAlarmsPerPush", default: 1000, range: 1...100_000, help: "most alarms one array push may carry"),
        .integer("syncTimeoutSeconds", default: 30, range: 1...600, help: "time an NE has to answer a synchronisation with its active alarms"),
        .integer("streamMaxLag", default: 10_000, range: 10...10_000_000,
                 help: "how many changes a live-stream client may fall behind before it is sent a resync notice instead"),
        .integer("subscriptionRetrySeconds", default: 5, range: 1...3600,
                 help: "first wait before a failed notification is posted again; it doubles at each failure, up to 5 minutes"),
        .integer("subscriptionDropAfterSeconds", default: 86_400, range: 10...2_592_000,
                 help: "how long a subscription's consumer may keep failing before the subscription is dropped"),
        .integer("diskFreeMinimumPercent", default: 10, range: 1...99,
                 help: "the OMC raises an alarm while less than this share of its data folder's disk is free"),
    ]
}
