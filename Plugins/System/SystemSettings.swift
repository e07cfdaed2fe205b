import PluginAPI

/// The System plugin's configuration, read once.
struct SystemSettings: Sendable {
    /// Days a job log entry is kept.
    let jobLogRetentionDays: Int
    /// Whether runs of the jobs the host runs for the plugins (polling, settling) are logged too.
    let logHostJobs: Bool
    /// The most missed runs a job whose misfire policy is "run every missed time" makes up at once.
    let maximumCatchUpRuns: Int
    /// Days the OMC's load samples are kept.
    let loadRetentionDays: Int

    init(_ configuration: PluginConfiguration) {
        jobLogRetentionDays = configuration.integer("jobLogRetentionDays") ?? 30
        logHostJobs = configuration.boolean("logHostJobs") ?? true
        maximumCatchUpRuns = configuration.integer("maximumCatchUpRuns") ?? 10
        loadRetentionDays = configuration.integer("loadRetentionDays") ?? 30
    }

    static let fields: [ConfigField] = [
        .integer("jobLogRetentionDays", default: 30, range: 1...3650, help: "days a scheduled job's log entry is kept"),
        .boolean("logHostJobs", default: true, help: "also log every run of the jobs the host runs for the plugins (polling, settling)"),
        .integer("maximumCatchUpRuns", default: 10, range: 1...1000,
                 help: "most missed runs a job with misfire policy 1 (run every missed time) makes up at once"),
        .integer("loadRetentionDays", default: 30, range: 1...3650, help: "days the OMC's load samples (one a minute) are kept"),
    ]
}
