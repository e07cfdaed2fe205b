import Foundation
import PluginAPI

/// The retention job: removes cleared alarms (and their history) cleared more than `retentionDays`
/// ago. Active alarms are never purged, however old.
enum AlarmPurge {
    static func declare(_ plugin: inout PluginRegistrar, settings: FaultSettings) {
        plugin.job("purge-alarm-history", schedule: .cron("30 3 * * *"),
                   summary: "Remove cleared alarms older than retentionDays (\(settings.retentionDays) days) from the history") { context in
            let removed = try await purge(context, olderThanDays: settings.retentionDays)
            if removed > 0 { context.logger.info("alarm history purged: \(removed) cleared alarms older than \(settings.retentionDays) days") }
        }
    }

    /// Removes cleared alarms whose clear reached the OMC more than `days` days before now; returns how many.
    @discardableResult
    static func purge(_ context: PluginContext, olderThanDays days: Int) async throws -> Int {
        let cutoff = DocumentTime.formatInstant(context.clock.now().addingTimeInterval(-Double(days) * 86_400))
        return try await context.database.write { db in
            try db.execute("""
                DELETE FROM fault_alarm_event WHERE alarm_id IN
                    (SELECT id FROM fault_alarm WHERE state = 'cleared' AND clear_receive_time < ?)
                """, [.text(cutoff)])
            try db.execute("DELETE FROM fault_alarm WHERE state = 'cleared' AND clear_receive_time < ?", [.text(cutoff)])
            return db.changedRowCount
        }
    }
}
