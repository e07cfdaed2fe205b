import PluginAPI

/// `/monitor/operlog/…`: list, export, clean, delete. There is deliberately no route that edits an entry.
enum OperationLogRoutes {
    static let sortable = ["operTime": "oper_time", "costTime": "cost_time", "operName": "oper_name", "title": "title"]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/monitor/operlog/list", permission: "monitor:operlog:list", summary: "Operation log, paged") { request, context in
            let filter = try OperationLog.Filter(FilterFields(request.query))
            let page = try PageRequest(query: request.query, sortable: Array(sortable.keys).sorted())
            let (clause, arguments) = filter.whereClause
            let order = page.sortField.flatMap { sortable[$0] } ?? "oper_time"
            let (rows, total) = try await context.database.read { db in
                let total = try db.first("SELECT count(*) AS n FROM security_oper_log" + clause, arguments)?.int("n") ?? 0
                let rows = try db.query("SELECT * FROM security_oper_log\(clause) ORDER BY \(order) \(page.descending || page.sortField == nil ? "DESC" : "ASC"), oper_id DESC LIMIT ? OFFSET ?",
                                        arguments + [.int(page.pageSize), .int(page.offset)]).map(OperationLog.row)
                return (rows, total)
            }
            return .list(rows: rows, total: total)
        }
        plugin.route(.delete, "/monitor/operlog/clean", permission: "monitor:operlog:remove", audit: .clean,
                     summary: "Clear the operation log") { _, context in
            try await context.database.write { db in try db.execute("DELETE FROM security_oper_log") }
            return .success()
        }
        plugin.route(.delete, "/monitor/operlog/{operIds}", permission: "monitor:operlog:remove",
                     summary: "Delete operation log entries") { request, context in
            let ids = try IDList.parse(try request.pathParameter("operIds"), field: "operIds")
            try await context.database.write { db in
                try IDList.deleteAll(ids, table: "security_oper_log", column: "oper_id", what: "operation log entry", in: db)
            }
            return .success()
        }
    }
}
