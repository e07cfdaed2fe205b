import PluginAPI

/// The `security_login_log` table: every login attempt, good or bad, and every logout.
enum LoginLog {
    /// One attempt, with where it came from.
    struct Attempt: Sendable {
        let userName: String
        let client: ClientInfo
        let succeeded: Bool
        let message: String
        let time: Int64
    }

    static func insert(_ attempt: Attempt, in db: any DatabaseConnection) throws {
        try db.execute("""
            INSERT INTO security_login_log (info_id, user_name, ipaddr, login_location, browser, os, status, msg, login_time)
            VALUES ((SELECT COALESCE(MAX(info_id), 0) + 1 FROM security_login_log), ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(StoredText.bounded(attempt.userName, limit: 64)), .text(StoredText.bounded(attempt.client.address, limit: 128)),
                  .text(StoredText.bounded(attempt.client.location, limit: 128)), .text(StoredText.bounded(attempt.client.browser, limit: 128)),
                  .text(StoredText.bounded(attempt.client.operatingSystem, limit: 128)), .text(attempt.succeeded ? "1" : "0"),
                  .text(StoredText.bounded(attempt.message)), .integer(attempt.time)])
    }

    /// One row as the document's list shows it.
    struct Row: Sendable, Encodable {
        let infoId: String
        let userName: String
        let ipaddr: String
        let loginLocation: String
        let browser: String
        let os: String
        let status: String
        let msg: String
        let loginTime: String
    }

    static func row(_ row: DatabaseRow) -> Row {
        Row(infoId: row.string("info_id") ?? "", userName: row.string("user_name") ?? "", ipaddr: row.string("ipaddr") ?? "",
            loginLocation: row.string("login_location") ?? "", browser: row.string("browser") ?? "", os: row.string("os") ?? "",
            status: row.string("status") ?? "", msg: row.string("msg") ?? "", loginTime: row.string("login_time") ?? "")
    }

    /// The list and export filters of the document.
    struct Filter: Sendable {
        var address: String?
        var userName: String?
        var status: String?
        var begin: Int64?
        var end: Int64?

        init(_ fields: FilterFields) throws(OMCError) {
            address = fields["ipaddr"]
            userName = fields["userName"]
            status = try fields.status("status")
            (begin, end) = try fields.timeRange()
        }

        /// The matching entries, of `page` (sorted by its `sortField`) or all, newest first by default.
        func query(page: PageRequest? = nil) -> SQLListQuery {
            var query = SQLListQuery(page: page)
            query.contains("ipaddr", address)
            query.contains("user_name", userName)
            query.equals("status", status.map { .text($0) })
            query.between("login_time", begin.map(SQLValue.integer), end.map(SQLValue.integer))
            query.order(by: LoginLogRoutes.sortable, default: "login_time", defaultDescending: true, then: "info_id DESC")
            return query
        }
    }
}
