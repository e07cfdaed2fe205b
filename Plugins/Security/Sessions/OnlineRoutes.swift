import PluginAPI

/// `/monitor/online/…`: the live sessions, and ending one.
enum OnlineRoutes {
    struct Row: Sendable, Encodable {
        let tokenId: String
        let userName: String
        let ipaddr: String
        let loginLocation: String
        let browser: String
        let os: String
        let loginTime: Int64
        let deptName: String
    }

    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/monitor/online/list", permission: "monitor:online:list", summary: "Users logged in now",
                     query: [.string("userName"), .string("ipaddr")], answer: .rows(.anyValue)) { request, context in
            let fields = FilterFields(request.query)
            let now = Milliseconds.of(context.clock.now())
            let sessions = try await context.database.read { db in
                try SessionStore.live(now: now, userName: fields["userName"], clientAddress: fields["ipaddr"], in: db)
            }
            let rows = sessions.map { session in
                Row(tokenId: session.sessionID, userName: session.userName, ipaddr: session.clientAddress, loginLocation: session.location,
                    browser: session.browser, os: session.operatingSystem, loginTime: session.loginTime, deptName: session.departmentName)
            }
            return .list(rows: rows, total: rows.count)
        }
        plugin.route(.delete, "/monitor/online/{tokenId}", permission: "monitor:online:forceLogout", audit: .forceLogout,
                     summary: "Force a user out", answer: .message) { request, context in
            let sessionID = try request.pathParameter("tokenId")
            let ended = try await context.database.write { db in try SessionStore.revoke(sessionID: sessionID, in: db) }
            state.sessionEnded(sessionID)
            guard ended else { throw OMCError.notFound("no live session has the tokenId '\(sessionID)'") }
            return .success()
        }
    }
}
