import Foundation
import PluginAPI

/// Writes reports into `performance_series`, `performance_point` and `performance_latest`.
enum MeasurementStore {
    /// Rows per multi-row INSERT (4 values each, well under every engine's parameter limit).
    static let rowsPerStatement = 200

    /// What storing a report did.
    struct Stored: Sendable {
        let values: Int
        /// Points of the same NE and period that an earlier push had stored and this one replaced.
        let replaced: Int
    }

    /// Stores `report` of `element` in one transaction. A report for a period already stored
    /// replaces that period's points of the NE entirely, so a repeated push never doubles a value
    /// and a value the new push lacks does not linger.
    static func store(_ report: MeasurementReport, of element: NetworkElement, in db: any DatabaseConnection) throws -> Stored {
        var series: [String: Int] = [:]
        try db.forEachRow("SELECT id, kpi_id, object_type, dimension FROM performance_series WHERE ne_type = ? AND ne_id = ?",
                          [.text(element.neType), .text(element.neID)]) { row in
            series[key(row.string("kpi_id") ?? "", row.string("object_type") ?? "", row.string("dimension") ?? "")] = row.int("id")
        }
        var next = ((try db.first("SELECT COALESCE(MAX(id), 0) AS top FROM performance_series")?.int("top")) ?? 0) + 1
        var ids: [Int] = []
        ids.reserveCapacity(report.values.count)
        for value in report.values {
            let name = key(value.kpiID, value.objectType, value.dimension)
            if let id = series[name] {
                ids.append(id)
                continue
            }
            try db.execute("INSERT INTO performance_series (id, ne_type, ne_id, kpi_id, object_type, dimension) VALUES (?, ?, ?, ?, ?, ?)",
                           [.int(next), .text(element.neType), .text(element.neID), .text(value.kpiID), .text(value.objectType),
                            .text(value.dimension)])
            series[name] = next
            ids.append(next)
            next += 1
        }
        let start = SQLValue.integer(Int64(report.periodStart.timeIntervalSince1970))
        let granularity = SQLValue.int(report.granularity)
        try db.execute(replaceSQL, [start, granularity, .text(element.neType), .text(element.neID)])
        let replaced = db.changedRowCount
        var offset = 0
        while offset < ids.count {
            let end = min(offset + rowsPerStatement, ids.count)
            var arguments: [SQLValue] = []
            arguments.reserveCapacity((end - offset) * 4)
            for index in offset..<end {
                arguments += [.int(ids[index]), granularity, start, .real(report.values[index].value)]
            }
            let rows = Array(repeating: "(?, ?, ?, ?)", count: end - offset).joined(separator: ", ")
            try db.execute("INSERT INTO performance_point (series_id, granularity, period_start, value) VALUES \(rows)", arguments)
            try db.execute("""
                INSERT INTO performance_latest (series_id, granularity, period_start, value) VALUES \(rows)
                ON CONFLICT (series_id) DO UPDATE SET granularity = excluded.granularity, period_start = excluded.period_start,
                    value = excluded.value
                WHERE performance_latest.period_start <= excluded.period_start
                """, arguments)
            offset = end
        }
        return Stored(values: ids.count, replaced: replaced)
    }

    /// Removes an NE's points of one period, found through the period-start index.
    static let replaceSQL = """
        DELETE FROM performance_point WHERE period_start = ? AND granularity = ?
          AND series_id IN (SELECT id FROM performance_series WHERE ne_type = ? AND ne_id = ?)
        """

    private static func key(_ kpi: String, _ objectType: String, _ dimension: String) -> String {
        "\(kpi)\u{1F}\(objectType)\u{1F}\(dimension)"
    }
}
