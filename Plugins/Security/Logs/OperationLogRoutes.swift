import PluginAPI
import Spreadsheet

/// `/monitor/operlog/…`: list, export, clean, delete. There is deliberately no route that edits an entry.
enum OperationLogRoutes {
    static let sortable = ["operTime": "oper_time", "costTime": "cost_time", "operName": "oper_name", "title": "title"]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/monitor/operlog/list", permission: "monitor:operlog:list", summary: "Operation log, paged",
                     query: [.string("title"), .string("operName"), .string("businessType"), SecurityContract.statusFilter]
                         + SecurityContract.timeFilters + RouteParameter.paging(sortable: Array(sortable.keys).sorted()),
                     answer: .rows(.anyValue)) { request, context in
            let filter = try OperationLog.Filter(FilterFields(request.query))
            let page = try PageRequest(query: request.query, sortable: Array(sortable.keys).sorted())
            let query = filter.query(page: page)
            let (rows, total) = try await context.database.read { db in
                let found = try query.fetch(select: "SELECT * FROM security_oper_log", from: "security_oper_log", in: db)
                return (found.rows.map(OperationLog.row), found.total)
            }
            return .list(rows: rows, total: total)
        }
        plugin.route(.post, "/monitor/operlog/export", permission: "monitor:operlog:export", audit: .export,
                     summary: "Export the operation log as .xlsx", bodyLimit: 16 * 1024,
                     body: SecurityContract.exportFilters(["title", "operName", "businessType", "status", "beginTime", "endTime"], name: "OperationLogFilter"),
                     answer: .file(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { request, context in
            let filter = try OperationLog.Filter(FilterFields(jsonBody: try await request.body.collect()))
            let (sql, arguments) = filter.query().selectSQL("SELECT * FROM security_oper_log")
            return try await LogExport.export(
                prefix: "operlog", sheetName: "Operation log",
                headers: ["Log ID", "Title", "Business type", "Method", "Request method", "Operator", "Department", "URL", "IP address",
                          "Location", "Parameters", "Result", "Status", "Error", "Time", "Cost (ms)"],
                query: sql, arguments: arguments,
                cells: { row in
                    [.integer(row.int("oper_id") ?? 0), LogExport.text(row, "title"), .integer(row.int("business_type") ?? 0),
                     LogExport.text(row, "method"), LogExport.text(row, "request_method"), LogExport.text(row, "oper_name"),
                     LogExport.text(row, "dept_name"), LogExport.text(row, "oper_url"), LogExport.text(row, "oper_ip"),
                     LogExport.text(row, "oper_location"), LogExport.text(row, "oper_param"), LogExport.text(row, "json_result"),
                     .text(row.string("status") == "1" ? "Success" : "Failure"), LogExport.text(row, "error_msg"),
                     LogExport.time(row, "oper_time"), .integer(row.int("cost_time") ?? 0)]
                }, request: request, context: context)
        }
        plugin.route(.delete, "/monitor/operlog/clean", permission: "monitor:operlog:remove", audit: .clean,
                     summary: "Clear the operation log", answer: .message) { _, context in
            try await context.database.write { db in try db.execute("DELETE FROM security_oper_log") }
            return .success()
        }
        plugin.route(.delete, "/monitor/operlog/{operIds}", permission: "monitor:operlog:remove",
                     summary: "Delete operation log entries",
                     parameters: [SecurityContract.pathIDs("operIds")], answer: .message) { request, context in
            let ids = try IDList.parse(try request.pathParameter("operIds"), field: "operIds")
            try await context.database.write { db in
                try IDList.deleteAll(ids, table: "security_oper_log", column: "oper_id", what: "operation log entry", in: db)
            }
            return .success()
        }
    }
}
