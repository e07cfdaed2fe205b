import PluginAPI
import Spreadsheet

/// `/monitor/logininfor/…`: list, export, clean, unlock, delete.
enum LoginLogRoutes {
    static let sortable = ["loginTime": "login_time", "userName": "user_name", "ipaddr": "ipaddr", "status": "status"]

    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/monitor/logininfor/list", permission: "monitor:logininfor:list", summary: "Login log, paged",
                     query: [.string("ipaddr"), .string("userName"), SecurityContract.statusFilter] + SecurityContract.timeFilters
                         + RouteParameter.paging(sortable: Array(sortable.keys).sorted()),
                     answer: .rows(.anyValue)) { request, context in
            let filter = try LoginLog.Filter(FilterFields(request.query))
            let page = try PageRequest(query: request.query, sortable: Array(sortable.keys).sorted())
            let query = filter.query(page: page)
            let (rows, total) = try await context.database.read { db in
                let found = try query.fetch(select: "SELECT * FROM security_login_log", from: "security_login_log", in: db)
                return (found.rows.map(LoginLog.row), found.total)
            }
            return .list(rows: rows, total: total)
        }
        plugin.route(.post, "/monitor/logininfor/export", permission: "monitor:logininfor:export", audit: .export,
                     summary: "Export the login log as .xlsx", bodyLimit: 16 * 1024,
                     body: SecurityContract.exportFilters(["ipaddr", "userName", "status", "beginTime", "endTime"], name: "LoginLogFilter"),
                     answer: .file(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { request, context in
            let filter = try LoginLog.Filter(FilterFields(jsonBody: try await request.body.collect()))
            let (sql, arguments) = filter.query().selectSQL("SELECT * FROM security_login_log")
            return try await LogExport.export(
                prefix: "logininfor", sheetName: "Login log",
                headers: ["Access ID", "User name", "IP address", "Location", "Browser", "Operating system", "Status", "Message", "Login time"],
                query: sql, arguments: arguments,
                cells: { row in
                    [.integer(row.int("info_id") ?? 0), LogExport.text(row, "user_name"), LogExport.text(row, "ipaddr"),
                     LogExport.text(row, "login_location"), LogExport.text(row, "browser"), LogExport.text(row, "os"),
                     .text(row.string("status") == "1" ? "Success" : "Failure"), LogExport.text(row, "msg"), LogExport.time(row, "login_time")]
                }, request: request, context: context)
        }
        plugin.route(.delete, "/monitor/logininfor/clean", permission: "monitor:logininfor:remove", audit: .clean,
                     summary: "Clear the login log", answer: .message) { _, context in
            try await context.database.write { db in try db.execute("DELETE FROM security_login_log") }
            return .success()
        }
        plugin.route(.put, "/monitor/logininfor/unlock/{userName}", permission: "monitor:logininfor:unlock",
                     summary: "Unlock an account locked by failed logins",
                     answer: .message) { request, context in
            let userName = try request.pathParameter("userName")
            let now = Milliseconds.of(context.clock.now())
            let wasLocked = try await context.database.write { db in try LoginThrottle.clear(userName, now: now, in: db) }
            guard wasLocked else { throw OMCError.notFound("the account '\(userName)' is not locked") }
            return .success()
        }
        plugin.route(.delete, "/monitor/logininfor/{infoIds}", permission: "monitor:logininfor:remove",
                     summary: "Delete login log entries",
                     parameters: [SecurityContract.pathIDs("infoIds")], answer: .message) { request, context in
            let ids = try IDList.parse(try request.pathParameter("infoIds"), field: "infoIds")
            try await context.database.write { db in
                try IDList.deleteAll(ids, table: "security_login_log", column: "info_id", what: "login log entry", in: db)
            }
            return .success()
        }
    }
}
