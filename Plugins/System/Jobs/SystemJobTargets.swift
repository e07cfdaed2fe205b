import Foundation
import PluginAPI

/// The System plugin's own job targets and its retention job.
enum SystemJobTargets {
    static func declare(_ plugin: inout PluginRegistrar, settings: SystemSettings) {
        plugin.jobTarget("purgeJobLog", summary: "Remove job log entries older than olderThanDays",
                         parameters: .object(["olderThanDays": .integer(range: 1...3650, description: "Age in days of the entries removed")],
                                             required: ["olderThanDays"], name: "PurgeJobLogParameters")) { parameters, context in
            let days = parameters["olderThanDays"]?.intValue ?? settings.jobLogRetentionDays
            let removed = try await purge(olderThanDays: days, context)
            return "removed \(removed) job log entries older than \(days) days"
        }
        plugin.job("purge-job-log", schedule: .cron("30 3 * * *"),
                   summary: "Remove job log entries older than jobLogRetentionDays") { context in
            _ = try await purge(olderThanDays: settings.jobLogRetentionDays, context)
        }
    }

    static func purge(olderThanDays days: Int, _ context: PluginContext) async throws -> Int {
        let cutoff = context.clock.now().addingTimeInterval(-Double(days) * 86_400)
        return try await context.database.write { db in try JobLogStore.purge(before: cutoff, in: db) }
    }
}
