import Foundation
import PluginAPI
import Spreadsheet

/// `GET …/elementType/{neType}/objectType/kpi/export?…&type=xlsx|csv`: the answer of a KPI query
/// (same parameters and bounds) as one row per point: NE, KPI, object type, dimension, unit, period
/// start, minutes, value. Written to the scratch folder as a long operation, then downloaded.
enum KPIExport {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let header = ["neId", "kpiId", "objectType", "dimension", "unit", "time", "granularity", "value"]

    static func declare(_ plugin: inout PluginRegistrar, settings: PerformanceSettings, query: [RouteParameter]) {
        plugin.route(.get, KPIQueryRoutes.path + "/export", permission: "performance:kpi:export", audit: .export,
                     summary: "Export KPI values of NEs over a time range as xlsx or csv",
                     parameters: [MeasureTaskRoutes.typeParameter],
                     query: query + [.string("type", oneOf: ["xlsx", "csv"], rule: "must be xlsx or csv")],
                     answer: .file(mediaType: "application/octet-stream")) { request, context in
            let type = (request.query["type"] ?? "xlsx").lowercased()
            guard ["xlsx", "csv"].contains(type) else { throw OMCError.invalid("type", "must be xlsx or csv") }
            let kpiQuery = try await KPIQueryRoutes.parse(request, context: context, settings: settings)
            return try await context.operations.run("performance.kpi.export",
                                                    title: "Export KPIs of \(kpiQuery.catalog.neType) as \(type)",
                                                    for: request.caller, requestID: request.requestID) { tracker in
                let now = context.clock.now()
                let answer = try await context.database.read { db in try kpiQuery.run(now: now, in: db) }
                let path = (context.host.scratchDirectory as NSString).appendingPathComponent("performance-export-\(UUID().uuidString).\(type)")
                do {
                    try write(answer, to: path, type: type, tracker: tracker)
                } catch {
                    try? FileManager.default.removeItem(atPath: path)
                    throw error
                }
                let name = "kpi_\(kpiQuery.catalog.neType)_\(DocumentTime.formatCompact(now)).\(type)"
                return .download(path: path, fileName: name, contentType: type == "xlsx" ? xlsxType : "text/csv;charset=UTF-8")
            }
        }
    }

    static func write(_ answer: JSONValue, to path: String, type: String, tracker: LongOperation) throws {
        var rows: [[SpreadsheetCell]] = []
        for series in answer["series"]?.arrayValue ?? [] {
            let fixed = ["neId", "kpiId", "objectType", "dimension", "unit"].map { SpreadsheetCell.text(series[$0]?.stringValue ?? "") }
            for point in series["points"]?.arrayValue ?? [] {
                rows.append(fixed + [.text(point["time"]?.stringValue ?? ""), .integer(point["granularity"]?.intValue ?? 0),
                                     .number(point["value"]?.numberValue ?? 0)])
            }
        }
        tracker.progress(phase: "writing", done: 0, total: rows.count)
        let writer = try makeRowWriter(format: type, path: path, sheetName: "kpi")
        try writer.appendRow(header.map(SpreadsheetCell.text))
        for row in rows { try writer.appendRow(row) }
        try writer.close()
        tracker.progress(done: rows.count)
    }
}
