import Foundation
import PluginAPI

/// The newest value of each series (`performance_latest`), and of derived KPIs computed from their
/// inputs' newest values when those are of the same period.
enum LatestValues {
    static func read(catalog: KPICatalog, neIDs: [String], kpis: [KPIDefinition], in db: any DatabaseConnection) throws -> [JSONValue] {
        var measured: [String] = []
        for kpi in kpis {
            for id in kpi.formula == nil ? [kpi.id] : (catalog.formulas[kpi.id]?.inputs ?? []) where !measured.contains(id) {
                measured.append(id)
            }
        }
        let neMarks = Array(repeating: "?", count: neIDs.count).joined(separator: ", ")
        let kpiMarks = Array(repeating: "?", count: measured.count).joined(separator: ", ")
        let rows = try db.query("""
            SELECT s.ne_id, s.kpi_id, s.object_type, s.dimension, l.granularity, l.period_start, l.value
            FROM performance_series s JOIN performance_latest l ON l.series_id = s.id
            WHERE s.ne_type = ? AND s.ne_id IN (\(neMarks)) AND s.kpi_id IN (\(kpiMarks))
            ORDER BY s.ne_id, s.kpi_id, s.object_type, s.dimension
            """, [SQLValue.text(catalog.neType)] + neIDs.map { SQLValue.text($0) } + measured.map { SQLValue.text($0) })
        let wanted = Set(kpis.filter { $0.formula == nil }.map(\.id))
        var shown: [JSONValue] = []
        for row in rows where wanted.contains(row.string("kpi_id") ?? "") {
            shown.append(json(neID: row.string("ne_id") ?? "", kpiID: row.string("kpi_id") ?? "", objectType: row.string("object_type") ?? "",
                              dimension: row.string("dimension") ?? "", unit: catalog.kpi(row.string("kpi_id") ?? "")?.unit ?? "",
                              start: row.int("period_start") ?? 0, granularity: row.int("granularity") ?? 0, value: row.double("value") ?? 0))
        }
        for kpi in kpis {
            guard let formula = catalog.formulas[kpi.id] else { continue }
            for neID in neIDs {
                let inputs = rows.filter { $0.string("ne_id") == neID && formula.inputs.contains($0.string("kpi_id") ?? "") }
                guard let newest = inputs.compactMap({ $0.int("period_start") }).max() else { continue }
                var values: [String: Double] = [:]
                var granularity = 0
                for row in inputs where row.int("period_start") == newest {
                    values[row.string("kpi_id") ?? "", default: 0] += row.double("value") ?? 0
                    granularity = row.int("granularity") ?? granularity
                }
                guard let value = formula.evaluate(values) else { continue }
                shown.append(json(neID: neID, kpiID: kpi.id, objectType: "", dimension: "", unit: kpi.unit, start: newest,
                                  granularity: granularity, value: value))
            }
        }
        return shown
    }

    private static func json(neID: String, kpiID: String, objectType: String, dimension: String, unit: String, start: Int,
                             granularity: Int, value: Double) -> JSONValue {
        ["neId": .string(neID), "kpiId": .string(kpiID), "objectType": .string(objectType), "dimension": .string(dimension),
         "unit": .string(unit), "time": .string(DocumentTime.format(Date(timeIntervalSince1970: TimeInterval(start)))),
         "granularity": .number(Double(granularity)), "value": .number(value)]
    }
}
