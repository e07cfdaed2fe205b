/// When a scheduled job runs.
public enum JobSchedule: Sendable, Hashable, CustomStringConvertible {
    /// Every so many seconds, the first run one interval after start-up.
    case every(seconds: Int)
    /// A cron expression in the OMC's local time (``CronSchedule``): five fields (minute, hour, day
    /// of month, month, day of week) or six with seconds first (`0/10 * * * * ?`).
    case cron(String)

    /// `"every 30 s"` or the cron text.
    public var description: String {
        switch self {
        case .every(let seconds): "every \(seconds) s"
        case .cron(let expression): expression
        }
    }
}

/// A job a plugin asks the host's scheduler to run.
public struct JobDeclaration: Sendable {
    /// Unique within the plugin (`poll-ne-state`).
    public let name: String
    /// When it runs.
    public let schedule: JobSchedule
    /// One sentence for the job list.
    public let summary: String
    /// The work. A run that is still going when the next is due makes the next one wait.
    public let run: @Sendable (PluginContext) async throws -> Void
}
