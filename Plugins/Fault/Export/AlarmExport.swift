import Foundation
import PluginAPI
import Spreadsheet

/// `GET /fault/alarms/export?state=active|cleared&type=xlsx|csv` with the list's filters: the
/// matching alarms, newest first, written page by page to a file in the host's scratch folder and
/// streamed from there, as a long operation.
enum AlarmExport {
    static let page = 5000
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let header = ["id", "neType", "neId", "neName", "managedObject", "alarmCode", "alarmTitle", "alarmType", "perceivedSeverity",
                         "state", "eventTime", "receiveTime", "repeatCount", "acknowledged", "ackUser", "clearTime", "clearUser",
                         "clearReason", "specificProblem", "additionalText", "repairAdvice"]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/fault/alarms/export", permission: "fault:alarm:export", audit: .export,
                     summary: "Export active or cleared alarms, filtered as the lists are, as xlsx or csv",
                     query: AlarmQueryRoutes.filters + [
                        .string("state", oneOf: ["active", "cleared"], description: "active (default) or cleared alarms", rule: "must be active or cleared"),
                        .string("type", oneOf: ["xlsx", "csv"], description: "xlsx (default) or csv", rule: "must be xlsx or csv"),
                     ],
                     answer: .file(mediaType: "application/octet-stream"), handler: export)
    }

    static func export(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let state = request.query["state"] ?? "active"
        guard ["active", "cleared"].contains(state) else { throw OMCError.invalid("state", "must be active or cleared") }
        let type = (request.query["type"] ?? "xlsx").lowercased()
        guard ["xlsx", "csv"].contains(type) else { throw OMCError.invalid("type", "must be xlsx or csv") }
        let filter = try AlarmQueryRoutes.query(request, state: state, page: nil)
        return try await context.operations.run("fault.alarm.export", title: "Export \(state) alarms as \(type)",
                                                for: request.caller, requestID: request.requestID) { tracker in
            let path = (context.host.scratchDirectory as NSString).appendingPathComponent("fault-export-\(UUID().uuidString).\(type)")
            let sink = try makeRowWriter(format: type, path: path, sheetName: "alarms")
            do {
                try sink.appendRow(header.map(SpreadsheetCell.text))
                var before = Int.max
                var done = 0
                while true {
                    try tracker.checkCancellation()
                    var query = filter
                    query.add("id < ?", [.int(before)])
                    query.orderBy = "id DESC"
                    let rows = try await context.database.read { [query] db in
                        let select = query.selectSQL("SELECT \(AlarmSchema.columns) FROM fault_alarm")
                        return try db.query(select.sql + " LIMIT ?", select.arguments + [.int(page)]).map(Alarm.init)
                    }
                    for alarm in rows { try sink.appendRow(cells(alarm).map(SpreadsheetCell.text)) }
                    done += rows.count
                    tracker.progress(phase: "writing", done: done)
                    guard rows.count == page, let last = rows.last else { break }
                    before = last.id
                }
                try sink.close()
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            let fileName = "alarms_\(state)_\(DocumentTime.formatCompact(context.clock.now())).\(type)"
            return .download(path: path, fileName: fileName, contentType: type == "xlsx" ? xlsxType : "text/csv;charset=UTF-8")
        }
    }

    static func cells(_ alarm: Alarm) -> [String] {
        [String(alarm.id), alarm.neType, alarm.neId, alarm.neName, alarm.managedObject, alarm.alarmCode, alarm.alarmTitle,
         alarm.alarmType ?? "", alarm.perceivedSeverity, alarm.state, alarm.eventTime, alarm.receiveTime, String(alarm.repeatCount),
         alarm.acknowledged ? "yes" : "no", alarm.ackUser ?? "", alarm.clearTime ?? "", alarm.clearUser ?? "", alarm.clearReason ?? "",
         alarm.specificProblem, alarm.additionalText, alarm.repairAdvice]
    }
}
