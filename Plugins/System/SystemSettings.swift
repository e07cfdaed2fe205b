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
    /// Largest `/file/upload`, in MiB.
    let maximumUploadMegabytes: Int
    /// Largest chunk of a resumable upload, in MiB.
    let maximumChunkMegabytes: Int
    /// Largest file a resumable upload may merge into, in MiB.
    let maximumFileMegabytes: Int
    /// Most bytes of unfinished uploads one user may keep, in MiB.
    let maximumPendingMegabytes: Int
    /// Hours after its last chunk an unfinished upload is removed.
    let chunkExpiryHours: Int

    init(_ configuration: PluginConfiguration) {
        jobLogRetentionDays = configuration.integer("jobLogRetentionDays") ?? 30
        logHostJobs = configuration.boolean("logHostJobs") ?? true
        maximumCatchUpRuns = configuration.integer("maximumCatchUpRuns") ?? 10
        loadRetentionDays = configuration.integer("loadRetentionDays") ?? 30
        maximumUploadMegabytes = configuration.integer("maximumUploadMegabytes") ?? 256
        maximumChunkMegabytes = configuration.integer("maximumChunkMegabytes") ?? 64
        maximumFileMegabytes = configuration.integer("maximumFileMegabytes") ?? 8192
        maximumPendingMegabytes = configuration.integer("maximumPendingMegabytes") ?? 16_384
        chunkExpiryHours = configuration.integer("chunkExpiryHours") ?? 24
    }

    static let fields: [ConfigField] = [
        .integer("jobLogRetentionDays", default: 30, range: 1...3650, help: "days a scheduled job's log entry is kept"),
        .boolean("logHostJobs", default: true, help: "also log every run of the jobs the host runs for the plugins (polling, settling)"),
        .integer("maximumCatchUpRuns", default: 10, range: 1...1000,
                 help: "most missed runs a job with misfire policy 1 (run every missed time) makes up at once"),
        .integer("loadRetentionDays", default: 30, range: 1...3650, help: "days the OMC's load samples (one a minute) are kept"),
        .integer("maximumUploadMegabytes", default: 256, range: 1...4096, help: "largest file /file/upload accepts, in MiB"),
        .integer("maximumChunkMegabytes", default: 64, range: 1...1024, help: "largest chunk /file/chunkUpload accepts, in MiB"),
        .integer("maximumFileMegabytes", default: 8192, range: 1...1_048_576, help: "largest file /file/chunkMerge makes, in MiB"),
        .integer("maximumPendingMegabytes", default: 16_384, range: 1...1_048_576,
                 help: "most MiB of chunks of unfinished uploads one user may keep"),
        .integer("chunkExpiryHours", default: 24, range: 1...720, help: "hours after its last chunk an unfinished upload is removed"),
    ]
}
