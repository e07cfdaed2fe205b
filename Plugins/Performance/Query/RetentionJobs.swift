import Foundation
import PluginAPI

/// The hourly job that keeps history within its retention: it refreshes the hourly and daily
/// roll-ups of the last two days of measured values (so late and repeated pushes are counted), then
/// deletes measured values older than `rawRetentionDays`, hourly roll-ups older than
/// `hourlyRetentionDays` and daily ones older than `dailyRetentionDays`.
enum RetentionJobs {
    /// How far back each run recomputes roll-ups.
    static let rollUpLookback: TimeInterval = 2 * 86_400

    static func declare(_ plugin: inout PluginRegistrar, settings: PerformanceSettings) {
        plugin.job("roll-up-and-purge", schedule: .every(seconds: 3600),
                   summary: "Refresh hourly and daily KPI roll-ups, then delete history older than its retention") { context in
            try await run(context, settings: settings)
        }
    }

    static func run(_ context: PluginContext, settings: PerformanceSettings) async throws {
        let now = context.clock.now()
        let since = Bucket.day.start(Int64(now.addingTimeInterval(-rollUpLookback).timeIntervalSince1970))
        let offset = Int64(TimeZone.current.secondsFromGMT(for: now))
        let rawCutoff = Int64(now.timeIntervalSince1970) - Int64(settings.rawRetentionDays) * 86_400
        let hourCutoff = Int64(now.timeIntervalSince1970) - Int64(settings.hourlyRetentionDays) * 86_400
        let dayCutoff = Int64(now.timeIntervalSince1970) - Int64(settings.dailyRetentionDays) * 86_400
        let purged = try await context.database.write { db -> Int in
            try rollUp(level: 60, bucket: "(period_start / 3600) * 3600", arguments: [], since: since, in: db)
            try rollUp(level: 1440, bucket: "((period_start + ?) / 86400) * 86400 - ?", arguments: [.integer(offset), .integer(offset)],
                       since: since, in: db)
            var count = 0
            try db.execute("DELETE FROM performance_point WHERE period_start < ?", [.integer(rawCutoff)])
            count += db.changedRowCount
            try db.execute("DELETE FROM performance_rollup WHERE level = 60 AND period_start < ?", [.integer(hourCutoff)])
            count += db.changedRowCount
            try db.execute("DELETE FROM performance_rollup WHERE level = 1440 AND period_start < ?", [.integer(dayCutoff)])
            count += db.changedRowCount
            return count
        }
        if purged > 0 { context.logger.info("purged KPI history past its retention", ["rows": String(purged)]) }
    }

    /// Recomputes every roll-up of `level` from the measured values since `since`.
    private static func rollUp(level: Int, bucket: String, arguments: [SQLValue], since: Int64, in db: any DatabaseConnection) throws {
        try db.execute("""
            INSERT INTO performance_rollup (series_id, level, period_start, total, samples, minimum, maximum)
            SELECT series_id, \(level), \(bucket), SUM(value), COUNT(*), MIN(value), MAX(value)
            FROM performance_point WHERE period_start >= ?
            GROUP BY 1, 3
            ON CONFLICT (series_id, level, period_start) DO UPDATE SET total = excluded.total, samples = excluded.samples,
                minimum = excluded.minimum, maximum = excluded.maximum
            """, arguments + [.integer(since)])
    }
}
