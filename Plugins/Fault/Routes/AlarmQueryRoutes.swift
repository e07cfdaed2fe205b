import Foundation
import PluginAPI

/// Operator reads: active alarms and history (paged, filtered, sorted), counts by severity, and one
/// alarm with its history and comments.
enum AlarmQueryRoutes {
    static let sortColumns = [
        "id": "id", "eventTime": "event_time", "receiveTime": "receive_time", "neType": "ne_type", "neId": "ne_id",
        "alarmCode": "alarm_code", "sequence": "sequence",
        "severity": "CASE severity WHEN 'critical' THEN 1 WHEN 'major' THEN 2 WHEN 'minor' THEN 3 WHEN 'warning' THEN 4 ELSE 5 END",
    ]

    static let filters: [RouteParameter] = [
        .string("neType", maxLength: 32, description: "Only alarms of NEs of this type"),
        .string("neId", maxLength: 32, description: "Only alarms of this NE"),
        .string("severity", oneOf: AlarmSeverity.listed, description: "Only alarms of this severity",
                rule: "must be one of \(AlarmSeverity.listed.joined(separator: ", "))"),
        .boolean("acknowledged", description: "Only acknowledged (true) or unacknowledged (false) alarms"),
        .string("alarmCode", maxLength: 64, description: "Only alarms of this code"),
        .string("text", maxLength: 256, description: "Only alarms whose title, specific problem or additional text contains this"),
        .string("beginTime", pattern: "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$", description: "Event time from, yyyy-MM-dd HH:mm:ss",
                rule: "must be a time yyyy-MM-dd HH:mm:ss"),
        .string("endTime", pattern: "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$", description: "Event time up to, yyyy-MM-dd HH:mm:ss",
                rule: "must be a time yyyy-MM-dd HH:mm:ss"),
    ]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/fault/alarms/active", permission: "fault:alarm:query", summary: "Active alarms, paged, filtered and sorted",
                     query: filters + RouteParameter.paging(sortable: sortColumns.keys.sorted()),
                     answer: .rows(FaultContract.alarm)) { request, context in
            try await list(request, context, state: "active")
        }
        plugin.route(.get, "/fault/alarms/history", permission: "fault:alarm:query", summary: "Cleared alarms, paged, filtered and sorted",
                     query: filters + RouteParameter.paging(sortable: sortColumns.keys.sorted()),
                     answer: .rows(FaultContract.alarm)) { request, context in
            try await list(request, context, state: "cleared")
        }
        plugin.route(.get, "/fault/alarms/counts", permission: "fault:alarm:query", summary: "Active alarms counted by severity",
                     query: [filters[0], filters[1]], answer: .data(FaultContract.counts), handler: counts)
        plugin.route(.get, "/fault/alarm/{id}", permission: "fault:alarm:query", summary: "One alarm with its history and comments",
                     parameters: [.integer("id", range: 1...FaultContract.maximumID, description: "Alarm number")],
                     answer: .data(FaultContract.detail), handler: detail)
    }

    /// The filters of the request as SQL conditions.
    static func query(_ request: OMCRequest, state: String, page: PageRequest?) throws(OMCError) -> SQLListQuery {
        var query = SQLListQuery(page: page)
        query.equals("state", .text(state))
        query.equals("ne_type", request.query["neType"].map { .text($0.uppercased()) })
        query.equals("ne_id", request.query["neId"].map(SQLValue.text))
        query.equals("severity", request.query["severity"].map { .text($0.lowercased()) })
        if let acknowledged = request.query["acknowledged"] { query.equals("acknowledged", .int(acknowledged == "true" ? 1 : 0)) }
        query.equals("alarm_code", request.query["alarmCode"].map(SQLValue.text))
        if let text = request.query["text"] {
            let pattern = SQLValue.text(SQLLike.containing(text))
            query.add("(\(SQLLike.condition("alarm_title")) OR \(SQLLike.condition("specific_problem")) OR \(SQLLike.condition("additional_text")))",
                      [pattern, pattern, pattern])
        }
        query.between("event_time", try instant(request, "beginTime"), try instant(request, "endTime"))
        return query
    }

    private static func instant(_ request: OMCRequest, _ name: String) throws(OMCError) -> SQLValue? {
        guard let text = request.query[name] else { return nil }
        guard let time = DocumentTime.parse(text) else { throw OMCError.invalid(name, "must be a time yyyy-MM-dd HH:mm:ss") }
        return .text(DocumentTime.formatInstant(time))
    }

    static func list(_ request: OMCRequest, _ context: PluginContext, state: String) async throws -> OMCResponse {
        let page = try PageRequest(query: request.query, sortable: sortColumns.keys.sorted())
        var query = try query(request, state: state, page: page)
        query.order(by: sortColumns, default: state == "active" ? "event_time" : "clear_receive_time", defaultDescending: true, then: "id DESC")
        let (rows, total) = try await context.database.read { [query] db in
            let found = try query.fetch(select: "SELECT \(AlarmSchema.columns) FROM fault_alarm", from: "fault_alarm", in: db)
            return (found.rows.map(Alarm.init), found.total)
        }
        return .list(rows: rows, total: total)
    }

    static func counts(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let query = try query(request, state: "active", page: nil)
        let counted = try await context.database.read { [query] db -> [String: Int] in
            var counts = Dictionary(uniqueKeysWithValues: AlarmSeverity.listed.map { ($0, 0) })
            let rows = try db.query("SELECT severity, count(*) AS n, sum(1 - acknowledged) AS open FROM fault_alarm\(query.whereClause) GROUP BY severity",
                                    query.arguments)
            var total = 0, unacknowledged = 0
            for row in rows {
                let n = row.int("n") ?? 0
                counts[row.string("severity") ?? "indeterminate", default: 0] += n
                total += n
                unacknowledged += row.int("open") ?? 0
            }
            counts["total"] = total
            counts["unacknowledged"] = unacknowledged
            return counts
        }
        return .success(counted)
    }

    static func detail(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let id = try alarmID(request)
        let found = try await context.database.read { db -> (Alarm, [AlarmHistoryEntry])? in
            guard let row = try db.first("SELECT \(AlarmSchema.columns) FROM fault_alarm WHERE id = ?", [.int(id)]) else { return nil }
            let events = try db.query("SELECT kind, time, user_name, severity, text FROM fault_alarm_event WHERE alarm_id = ? ORDER BY id",
                                      [.int(id)])
            return (Alarm(row), events.map(AlarmHistoryEntry.init))
        }
        guard let found else { throw OMCError.notFound("alarm \(id) does not exist") }
        let (alarm, events) = found
        return .success(AlarmDetail(alarm: alarm, history: events.filter { $0.kind != "comment" }, comments: events.filter { $0.kind == "comment" }))
    }

    /// The `{id}` path segment as an alarm number.
    static func alarmID(_ request: OMCRequest) throws(OMCError) -> Int {
        let text = try request.pathParameter("id")
        guard let id = Int(text), id > 0 else { throw OMCError.invalid("id", "'\(text)' is not an alarm number") }
        return id
    }
}

/// One entry of an alarm's history as answered.
struct AlarmHistoryEntry: Encodable, Sendable {
    let kind: String
    let time: String
    let user: String?
    let severity: String?
    let text: String

    init(_ row: DatabaseRow) {
        kind = row.string("kind") ?? ""
        time = Alarm.local(row.string("time")) ?? ""
        user = row.string("user_name")
        severity = row.string("severity")
        text = row.string("text") ?? ""
    }
}

/// An alarm with its history and comments.
struct AlarmDetail: Encodable, Sendable {
    let alarm: Alarm
    let history: [AlarmHistoryEntry]
    let comments: [AlarmHistoryEntry]
}
