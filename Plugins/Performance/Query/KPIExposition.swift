import Foundation
import PluginAPI

/// `GET /api/rest/performanceManagement/v1/kpi/metrics`: the latest value of every series in the
/// Prometheus text format, so a site can graph KPIs in Grafana. It needs its own right
/// (`performance:kpi:metrics`), so a scraper gets an API token that can read nothing else; the
/// host's `/metrics` stays the OMC's own counters.
///
///     omc_kpi_value{ne_type="SMF",ne_id="001",kpi="SMF.AttCreatePduSession",object_type="SmfFunction",dimension="Total",granularity_minutes="15"} 100 1733469300000
enum KPIExposition {
    static let path = "/api/rest/performanceManagement/v1/kpi/metrics"
    static let mediaType = "text/plain; version=0.0.4; charset=utf-8"

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, path, permission: "performance:kpi:metrics", summary: "Latest KPI values in the Prometheus text format",
                     answer: .file(mediaType: mediaType)) { _, context in
            let text = try await context.database.read { db in try exposition(in: db) }
            return OMCResponse(headers: HeaderFields([("Content-Type", mediaType)]), body: .bytes(Array(text.utf8)))
        }
    }

    static func exposition(in db: any DatabaseConnection) throws -> String {
        var text = "# HELP omc_kpi_value Latest value of a KPI an NE reported, at the end of its period.\n# TYPE omc_kpi_value gauge\n"
        try db.forEachRow("""
            SELECT s.ne_type, s.ne_id, s.kpi_id, s.object_type, s.dimension, l.granularity, l.period_start, l.value
            FROM performance_series s JOIN performance_latest l ON l.series_id = s.id
            ORDER BY s.ne_type, s.ne_id, s.kpi_id, s.object_type, s.dimension
            """, []) { row in
            let labels = [("ne_type", row.string("ne_type")), ("ne_id", row.string("ne_id")), ("kpi", row.string("kpi_id")),
                          ("object_type", row.string("object_type")), ("dimension", row.string("dimension")),
                          ("granularity_minutes", row.int("granularity").map { String($0) })]
                .map { "\($0.0)=\"\(escaped($0.1 ?? ""))\"" }.joined(separator: ",")
            let end = ((row.int("period_start") ?? 0) + (row.int("granularity") ?? 0) * 60) * 1000
            text += "omc_kpi_value{\(labels)} \(number(row.double("value") ?? 0)) \(end)\n"
        }
        return text
    }

    /// A label value with `\`, `"` and line breaks escaped as the format requires.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Whole numbers without a fraction, others as Swift prints them.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
