import Foundation
import PluginAPI

/// One KPI query: some KPIs of some NEs of one type over `[from, to)`, at the stored periods or
/// rolled up into hours or days, each KPI combined as its definition says; derived KPIs computed from
/// their inputs' combined values; and, per NE and measured KPI, which periods its tasks should have
/// delivered and which are missing.
struct KPIQuery: Sendable {
    let catalog: KPICatalog
    let neIDs: [String]
    /// The KPIs asked for, in the catalog's spelling.
    let kpis: [KPIDefinition]
    let from: Date
    let to: Date
    let bucket: Bucket
    /// Most gaps listed per NE and KPI (all are counted).
    static let listedGaps = 100

    /// Measured KPIs to read: those asked for and the inputs of derived ones.
    var measuredIDs: [String] {
        var ids: [String] = []
        for kpi in kpis {
            let needed = kpi.formula == nil ? [kpi.id] : (catalog.formulas[kpi.id]?.inputs ?? [])
            for id in needed where !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    struct SeriesKey: Hashable {
        let id: Int
        let neID: String
        let kpiID: String
        let objectType: String
        let dimension: String
    }

    /// Runs the query in one read.
    func run(now: Date, in db: any DatabaseConnection) throws -> JSONValue {
        let measured = measuredIDs
        let series = try loadSeries(measured, in: db)
        let fromSeconds = Int64(from.timeIntervalSince1970)
        let toSeconds = Int64(to.timeIntervalSince1970)
        // Per series: bucket start -> (granularity, aggregate).
        var buckets: [Int: [Int64: (granularity: Int, aggregate: Aggregate)]] = [:]
        var received: [Int: Set<Int64>] = [:]
        let ids = series.map(\.id)
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try db.forEachRow(Self.pointsSQL(marks), chunk.map { SQLValue.int($0) } + [SQLValue.integer(fromSeconds), .integer(toSeconds)]) { row in
                guard let id = row.int("series_id"), let start = row.int("period_start").map(Int64.init),
                      let granularity = row.int("granularity"), let value = row.double("value") else { return }
                received[id, default: []].insert(start)
                let key = bucket == .stored ? start * 10_000 + Int64(granularity) : bucket.start(start)
                if var existing = buckets[id]?[key] {
                    existing.aggregate.add(value)
                    buckets[id]?[key] = existing
                } else {
                    buckets[id, default: [:]][key] = (granularity, Aggregate(value))
                }
            }
            if let level = bucket.level {
                // Roll-ups cover periods whose measured values were purged; measured values win where both exist.
                try db.forEachRow("""
                    SELECT series_id, period_start, total, samples, minimum, maximum FROM performance_rollup
                    WHERE series_id IN (\(marks)) AND level = ? AND period_start >= ? AND period_start < ?
                    """, chunk.map { SQLValue.int($0) } + [SQLValue.int(level), .integer(bucket.start(fromSeconds)), .integer(toSeconds)]) { row in
                    guard let id = row.int("series_id"), let start = row.int("period_start").map(Int64.init), buckets[id]?[start] == nil,
                          let total = row.double("total"), let samples = row.int("samples"),
                          let minimum = row.double("minimum"), let maximum = row.double("maximum") else { return }
                    buckets[id, default: [:]][start] = (level, Aggregate(total: total, samples: samples, minimum: minimum, maximum: maximum))
                }
            }
        }

        var shown: [JSONValue] = []
        let wanted = Set(kpis.filter { $0.formula == nil }.map(\.id))
        for key in series where wanted.contains(key.kpiID) {
            guard let kpi = catalog.kpi(key.kpiID) else { continue }
            let points = (buckets[key.id] ?? [:]).sorted { $0.key < $1.key }.map { entry -> JSONValue in
                point(entry.key, granularity: entry.value.granularity, value: entry.value.aggregate.value(kpi.aggregation))
            }
            shown.append(["neId": .string(key.neID), "kpiId": .string(kpi.id), "objectType": .string(key.objectType),
                          "dimension": .string(key.dimension), "unit": .string(kpi.unit), "aggregation": .string(kpi.aggregation.rawValue),
                          "derived": false, "points": .array(points)])
        }
        for kpi in kpis {
            guard let formula = catalog.formulas[kpi.id] else { continue }
            for neID in neIDs {
                // Each input: its series of this NE combined over time, then summed over dimensions.
                var inputs: [Int64: (granularity: Int, values: [String: Double])] = [:]
                for key in series where key.neID == neID && formula.inputs.contains(key.kpiID) {
                    guard let input = catalog.kpi(key.kpiID) else { continue }
                    for (start, entry) in buckets[key.id] ?? [:] {
                        var slot = inputs[start] ?? (entry.granularity, [:])
                        slot.values[key.kpiID, default: 0] += entry.aggregate.value(input.aggregation)
                        inputs[start] = slot
                    }
                }
                let points = inputs.sorted { $0.key < $1.key }.compactMap { entry -> JSONValue? in
                    formula.evaluate(entry.value.values).map { point(entry.key, granularity: entry.value.granularity, value: $0) }
                }
                shown.append(["neId": .string(neID), "kpiId": .string(kpi.id), "objectType": "", "dimension": "",
                              "unit": .string(kpi.unit), "aggregation": .string(kpi.aggregation.rawValue),
                              "derived": true, "formula": .string(kpi.formula ?? ""), "points": .array(points)])
            }
        }
        let tasks = try MeasureTaskStore.tasks(ofType: catalog.neType, in: db).filter { $0.status != .deleting }
        var completeness: [JSONValue] = []
        for neID in neIDs {
            for kpiID in measured {
                let got = series.filter { $0.neID == neID && $0.kpiID == kpiID }.reduce(into: Set<Int64>()) { $0.formUnion(received[$1.id] ?? []) }
                completeness.append(Completeness.of(neID: neID, kpiID: kpiID, received: got, tasks: tasks,
                                                    from: from, to: to, now: now))
            }
        }
        return ["neType": .string(catalog.neType), "granularity": .string(bucket.rawValue),
                "startTime": .string(DocumentTime.format(from)), "endTime": .string(DocumentTime.format(to)),
                "series": .array(shown), "completeness": .array(completeness)]
    }

    /// The measured points of some series (`marks`: one `?` per series) over a range, by the
    /// primary key (series, period start).
    static func pointsSQL(_ marks: String) -> String {
        """
        SELECT series_id, granularity, period_start, value FROM performance_point
        WHERE series_id IN (\(marks)) AND period_start >= ? AND period_start < ?
        ORDER BY series_id, period_start
        """
    }

    /// The series of some NEs and KPIs of a type, by the unique key (type, NE, KPI, …).
    static func seriesSQL(neMarks: String, kpiMarks: String) -> String {
        """
        SELECT id, ne_id, kpi_id, object_type, dimension FROM performance_series
        WHERE ne_type = ? AND ne_id IN (\(neMarks)) AND kpi_id IN (\(kpiMarks))
        ORDER BY ne_id, kpi_id, object_type, dimension
        """
    }

    private func point(_ key: Int64, granularity: Int, value: Double) -> JSONValue {
        let start = bucket == .stored ? key / 10_000 : key
        let minutes = bucket.level ?? granularity
        return ["time": .string(DocumentTime.format(Date(timeIntervalSince1970: TimeInterval(start)))),
                "granularity": .number(Double(minutes)), "value": .number(value)]
    }

    private func loadSeries(_ kpiIDs: [String], in db: any DatabaseConnection) throws -> [SeriesKey] {
        guard !kpiIDs.isEmpty, !neIDs.isEmpty else { return [] }
        let neMarks = Array(repeating: "?", count: neIDs.count).joined(separator: ", ")
        let kpiMarks = Array(repeating: "?", count: kpiIDs.count).joined(separator: ", ")
        return try db.query(Self.seriesSQL(neMarks: neMarks, kpiMarks: kpiMarks), [SQLValue.text(catalog.neType)] + neIDs.map { SQLValue.text($0) } + kpiIDs.map { SQLValue.text($0) }).map { row in
            SeriesKey(id: row.int("id") ?? 0, neID: row.string("ne_id") ?? "", kpiID: row.string("kpi_id") ?? "",
                      objectType: row.string("object_type") ?? "", dimension: row.string("dimension") ?? "")
        }
    }
}
