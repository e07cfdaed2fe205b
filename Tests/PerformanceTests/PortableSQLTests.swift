import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import Performance
import Testing

/// The plugin's tables and its upserts run on PostgreSQL too (with `OMC_TEST_POSTGRES`; see
/// scripts/test-postgres.sh): the migrations a fresh database runs, the latest-value upsert that only
/// moves forward, and the roll-up's `INSERT … SELECT … GROUP BY … ON CONFLICT`.
@Suite struct PortableSQLTests {
    @Test(.enabled(if: PostgreSQLScratch.isConfigured)) func theMigrationsAndUpsertsRunOnPostgreSQL() throws {
        let migrations = try MockHost.freshMigrationSQL(of: PerformancePlugin.self, dependencies: [NEManagementPlugin.self])
            .filter { $0.contains("performance_") }
        let statements = migrations + [
            "INSERT INTO performance_point (series_id, granularity, period_start, value) VALUES (1, 15, 900, 4), (1, 15, 1800, 6)",
            """
            INSERT INTO performance_latest (series_id, granularity, period_start, value) VALUES (1, 15, 1800, 6)
            ON CONFLICT (series_id) DO UPDATE SET granularity = excluded.granularity, period_start = excluded.period_start, value = excluded.value
            WHERE performance_latest.period_start <= excluded.period_start
            """,
            """
            INSERT INTO performance_rollup (series_id, level, period_start, total, samples, minimum, maximum)
            SELECT series_id, 60, (period_start / 3600) * 3600, SUM(value), COUNT(*), MIN(value), MAX(value)
            FROM performance_point WHERE period_start >= 0
            GROUP BY 1, 3
            ON CONFLICT (series_id, level, period_start) DO UPDATE SET total = excluded.total, samples = excluded.samples,
                minimum = excluded.minimum, maximum = excluded.maximum
            """,
        ]
        let (status, errors) = try PostgreSQLScratch.run(statements)
        #expect(status == 0, "\(errors)")
    }
}
