import PluginAPI

/// The `nemaint` plugin's configuration, read once.
struct NEMaintenanceSettings: Sendable {
    /// Largest software package accepted, bytes.
    let packageMaxBytes: Int
    /// How long an NE has to come back after an activation or rollback, seconds.
    let restartTimeoutSeconds: Int
    /// Whether the daily configuration backup runs.
    let dailyBackup: Bool
    /// When it runs (cron, OMC local time).
    let backupSchedule: String
    /// How many NEs it backs up at once.
    let backupConcurrency: Int
    /// Days a backup is kept (the newest backup of each NE is always kept).
    let backupRetentionDays: Int

    init(_ configuration: PluginConfiguration) {
        packageMaxBytes = (configuration.integer("packageMaxMegabytes") ?? 2048) << 20
        restartTimeoutSeconds = configuration.integer("restartTimeoutSeconds") ?? 300
        dailyBackup = configuration.boolean("dailyBackup") ?? true
        backupSchedule = configuration.string("backupSchedule") ?? "0 2 * * *"
        backupConcurrency = configuration.integer("backupConcurrency") ?? 8
        backupRetentionDays = configuration.integer("backupRetentionDays") ?? 30
    }

    /// The manifest's fields.
    static let fields: [ConfigField] = [
        .integer("packageMaxMegabytes", default: 2048, range: 1...16_384, help: "largest software package uploaded to the OMC, MiB"),
        .integer("restartTimeoutSeconds", default: 300, range: 5...3600,
                 help: "how long an NE has to come back after an activation or rollback before its version is reported unknown"),
        .boolean("dailyBackup", default: true, help: "back up every registered NE's configuration once a day"),
        .string("backupSchedule", default: "0 2 * * *", maxLength: 64, help: "when the daily backup runs (cron: minute hour day month weekday, OMC local time)"),
        .integer("backupConcurrency", default: 8, range: 1...128, help: "how many NEs the daily backup asks at once"),
        .integer("backupRetentionDays", default: 30, range: 1...3650, help: "days a configuration backup is kept; the newest of each NE is always kept"),
    ]
}
