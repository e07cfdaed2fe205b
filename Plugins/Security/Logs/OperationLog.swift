import Foundation
import PluginAPI

/// The `security_oper_log` table: the host's operation-log entries, kept. There is no route or
/// function that edits an entry (a trigger refuses `UPDATE`); entries leave only by the delete
/// and clean routes, which are themselves recorded.
enum OperationLog {
    /// Stores every entry the host writes.
    struct Sink: OperationLogSink {
        func record(_ entry: OperationRecord, _ context: PluginContext) async throws {
            try await context.database.write { db in try OperationLog.insert(entry, in: db) }
        }
    }

    /// Every field is bounded (``StoredText``): the host bounds its entries, but a sink keeps its
    /// table's promise whoever writes.
    static func insert(_ entry: OperationRecord, in db: any DatabaseConnection) throws {
        func bounded(_ text: String, _ limit: Int = StoredText.limit) -> String { StoredText.bounded(text, limit: limit) }
        let handler = entry.pluginID.map { "\($0): \(entry.title)" } ?? "omc: \(entry.title)"
        try db.execute("""
            INSERT INTO security_oper_log (oper_id, title, business_type, method, request_method, operator_type, oper_name, dept_name, oper_url,
                                           oper_ip, oper_location, oper_param, json_result, status, error_msg, oper_time, cost_time,
                                           request_id, plugin_id)
            VALUES ((SELECT COALESCE(MAX(oper_id), 0) + 1 FROM security_oper_log), ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(bounded(entry.title, 200)), .int(entry.businessType.rawValue), .text(bounded(handler, 300)), .text(bounded(entry.method, 16)),
                  .text(bounded(entry.operatorName ?? "", 64)), .text(bounded(entry.departmentName ?? "", 128)), .text(bounded(entry.url)),
                  .text(bounded(entry.clientAddress ?? "", 128)), .text(IPLocation.describe(entry.clientAddress)), .text(bounded(entry.parameters)),
                  .text(bounded(entry.result)), .text(entry.succeeded ? "1" : "0"), .text(entry.succeeded ? "" : bounded(entry.result)),
                  .integer(Milliseconds.of(entry.time)), .int(entry.durationMilliseconds), .text(bounded(entry.requestID, 64)),
                  .text(entry.pluginID.map { bounded($0, 64) })])
    }

    /// One row as the document's list shows it.
    struct Row: Sendable, Encodable {
        let operId: String
        let title: String
        let businessType: String
        let method: String
        let requestMethod: String
        let operatorType: String
        let operName: String
        let deptName: String
        let operUrl: String
        let operIp: String
        let operLocation: String
        let operParam: String
        let operMsg: String
        let jsonResult: String
        let status: String
        let errorMsg: String
        let operTime: String
        let costTime: String
    }

    static func row(_ row: DatabaseRow) -> Row {
        let result = row.string("json_result") ?? ""
        return Row(operId: row.string("oper_id") ?? "", title: row.string("title") ?? "", businessType: row.string("business_type") ?? "",
                   method: row.string("method") ?? "", requestMethod: row.string("request_method") ?? "",
                   operatorType: row.string("operator_type") ?? "1", operName: row.string("oper_name") ?? "",
                   deptName: row.string("dept_name") ?? "", operUrl: row.string("oper_url") ?? "", operIp: row.string("oper_ip") ?? "",
                   operLocation: row.string("oper_location") ?? "", operParam: row.string("oper_param") ?? "", operMsg: result,
                   jsonResult: result, status: row.string("status") ?? "", errorMsg: row.string("error_msg") ?? "",
                   operTime: row.string("oper_time") ?? "", costTime: row.string("cost_time") ?? "")
    }

    /// The list and export filters of the document.
    struct Filter: Sendable {
        var title: String?
        var operatorName: String?
        var businessType: Int?
        var status: String?
        var begin: Int64?
        var end: Int64?

        init(_ fields: FilterFields) throws(OMCError) {
            title = fields["title"]
            operatorName = fields["operName"]
            if let text = fields["businessType"] {
                guard let value = Int(text), AuditClass(rawValue: value) != nil else {
                    throw OMCError.invalid("businessType", "must be one of 0-7 or 9 (0 other, 1 insert, 2 update, 3 delete, 4 grant, 5 export, 6 import, 7 force logout, 9 clean)")
                }
                businessType = value
            }
            status = try fields.status("status")
            (begin, end) = try fields.timeRange()
        }

        /// The matching entries, of `page` (sorted by its `sortField`) or all, newest first by default.
        func query(page: PageRequest? = nil) -> SQLListQuery {
            var query = SQLListQuery(page: page)
            query.contains("title", title)
            query.contains("oper_name", operatorName)
            query.equals("business_type", businessType.map(SQLValue.int))
            query.equals("status", status.map { .text($0) })
            query.between("oper_time", begin.map(SQLValue.integer), end.map(SQLValue.integer))
            query.order(by: OperationLogRoutes.sortable, default: "oper_time", defaultDescending: true, then: "oper_id DESC")
            return query
        }
    }
}
