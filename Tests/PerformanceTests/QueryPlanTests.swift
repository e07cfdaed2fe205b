import Foundation
import NEManagement
import OMCTesting
@testable import Performance
import PluginAPI
import Testing

/// The hot statements of ingest and query find their rows through an index, never by scanning the
/// points or series tables.
@Suite struct QueryPlanTests {
    @Test func ingestAndQueryStatementsUseIndexes() async throws {
        try await MockHost.run([NEManagementPlugin.self, PerformancePlugin.self]) { host in
            let statements: [(String, [SQLValue])] = [
                (KPIQuery.pointsSQL("?, ?"), [1, 2, .integer(0), .integer(100)]),
                (KPIQuery.seriesSQL(neMarks: "?", kpiMarks: "?, ?"), ["SMF", "001", "SMF.A", "SMF.B"]),
                (MeasurementStore.replaceSQL, [.integer(0), 15, "SMF", "001"]),
            ]
            for (sql, arguments) in statements {
                let plan = try await host.database.read { db in
                    try db.query("EXPLAIN QUERY PLAN " + sql, arguments).compactMap { $0.string("detail") }
                }
                let text = plan.joined(separator: " | ")
                #expect(!plan.isEmpty)
                #expect(!plan.contains { ($0.hasPrefix("SCAN performance_point") || $0.hasPrefix("SCAN performance_series")) && !$0.contains("INDEX") },
                        "\(sql): \(text)")
            }
        }
    }
}
