import Foundation
import PluginAPI

/// `GET /fault/alarms/stream`: the alarm changes as Server-Sent Events, for consoles.
///
/// The stream is the tail of `fault_alarm_event` (every raise, repeat, change, clear,
/// acknowledgement and comment has an id there, in order), read in pages from the database: the
/// server keeps no queue per client, so a slow client holds only its cursor. Each event carries its
/// id; a client that reconnects with `Last-Event-ID` (or `?since=`) gets what it missed. A client
/// more than `streamMaxLag` changes behind (it reads too slowly, or was away too long) gets a
/// `resync` event with the latest id and continues from there: it should reload its list.
enum AlarmStream {
    /// Changes read per database visit.
    static let page = 200
    /// Pause between visits when nothing new is there. The stream is paced in real time, not by the
    /// OMC's clock: it is about when bytes go out on a connection, not about alarm times.
    static let idlePause: Duration = .milliseconds(250)
    /// A comment line after this much silence keeps proxies from closing the connection and finds
    /// clients that went away.
    static let keepAlive: Duration = .seconds(15)

    static func declare(_ plugin: inout PluginRegistrar, settings: FaultSettings) {
        plugin.route(.get, "/fault/alarms/stream", permission: "fault:alarm:query",
                     summary: "Alarm changes as Server-Sent Events (resumable with Last-Event-ID)",
                     query: [
                        .string("neType", maxLength: 32, description: "Only alarms of NEs of this type"),
                        .string("neId", maxLength: 32, description: "Only alarms of this NE"),
                        .string("severity", oneOf: AlarmSeverity.listed, description: "Only alarms of this severity",
                                rule: "must be one of \(AlarmSeverity.listed.joined(separator: ", "))"),
                        .integer("since", range: 0...FaultContract.maximumID, description: "Resume after this event id (or send Last-Event-ID); default: only new changes"),
                        .integer("limit", range: 1...1_000_000, description: "Close the stream after this many events (default: never)"),
                        .integer("timeout", range: 1...86_400, description: "Close the stream after this many seconds (default: never)"),
                     ],
                     answer: .file(mediaType: "text/event-stream")) { request, context in
            try await stream(request, context, settings: settings)
        }
    }

    static func stream(_ request: OMCRequest, _ context: PluginContext, settings: FaultSettings) async throws -> OMCResponse {
        var filter: [(String, SQLValue)] = []
        if let type = request.query["neType"] { filter.append(("a.ne_type = ?", .text(type.uppercased()))) }
        if let id = request.query["neId"] { filter.append(("a.ne_id = ?", .text(id))) }
        if let severity = request.query["severity"] { filter.append(("a.severity = ?", .text(severity.lowercased()))) }
        let resumeText = request.headers["Last-Event-ID"] ?? request.query["since"]
        var resume: Int?
        if let resumeText {
            guard let value = Int(resumeText.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw OMCError.invalid("Last-Event-ID", "must be an event id from this stream, not '\(resumeText)'")
            }
            resume = value
        }
        let limit = request.query["limit"].flatMap { Int($0) }
        let deadline = request.query["timeout"].flatMap { Int($0) }.map { ContinuousClock.now + .seconds($0) }
        let maxLag = settings.streamMaxLag
        var first = resume ?? 0
        if resume == nil { first = try await latest(context) }
        let initial = first
        let conditions = filter
        var headers = HeaderFields([("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")])
        headers.add("X-Accel-Buffering", "no")
        return OMCResponse(headers: headers, body: .stream { writer in
            var cursor = initial
            var sent = 0
            var lastWrite = ContinuousClock.now
            try await writer.write(Array(": alarm stream from event \(cursor)\n\n".utf8))
            while limit.map({ sent < $0 }) ?? true, deadline.map({ ContinuousClock.now < $0 }) ?? true {
                let newest = try await latest(context)
                if newest - cursor > maxLag {
                    let notice = "{\"latest\":\(newest),\"reason\":\"more than \(maxLag) changes behind; reload the alarm list\"}"
                    try await writer.write(Array("id: \(newest)\nevent: resync\ndata: \(notice)\n\n".utf8))
                    cursor = newest
                    sent += 1
                    lastWrite = ContinuousClock.now
                    continue
                }
                let from = cursor
                let changes = try await context.database.read { db in try read(after: from, conditions: conditions, in: db) }
                cursor = max(cursor, changes.scanned)
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                for change in changes.events where limit.map({ sent < $0 }) ?? true {
                    let json = String(decoding: try encoder.encode(change), as: UTF8.self)
                    try await writer.write(Array("id: \(change.id)\nevent: alarm\ndata: \(json)\n\n".utf8))
                    sent += 1
                    lastWrite = ContinuousClock.now
                }
                if changes.scanned == from {
                    if ContinuousClock.now - lastWrite > keepAlive {
                        try await writer.write(Array(": keep-alive\n\n".utf8))
                        lastWrite = ContinuousClock.now
                    }
                    try await Task.sleep(for: idlePause)
                }
            }
        })
    }

    /// The newest event id, 0 when there is none.
    static func latest(_ context: PluginContext) async throws -> Int {
        try await context.database.read { db in try db.first("SELECT max(id) AS latest FROM fault_alarm_event")?.int("latest") ?? 0 }
    }

    /// The events after `after` that pass the filter (a page of them), and the last id looked at.
    static func read(after: Int, conditions: [(String, SQLValue)], in db: any DatabaseConnection) throws -> (events: [StreamEvent], scanned: Int) {
        let ids = try db.query("SELECT id FROM fault_alarm_event WHERE id > ? ORDER BY id LIMIT ?", [.int(after), .int(page)])
        guard let last = ids.last?.int("id") else { return ([], after) }
        let columns = AlarmSchema.columns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        let filter = conditions.map { " AND " + $0.0 }.joined()
        let rows = try db.query("""
            SELECT e.id AS event_id, e.kind AS event_kind, e.time AS event_at, e.user_name AS event_user, e.text AS event_text, \(columns)
            FROM fault_alarm_event e JOIN fault_alarm a ON a.id = e.alarm_id
            WHERE e.id > ? AND e.id <= ?\(filter) ORDER BY e.id
            """, [.int(after), .int(last)] + conditions.map(\.1))
        let events = rows.map { row in
            StreamEvent(id: row.int("event_id") ?? 0, kind: row.string("event_kind") ?? "",
                        time: Alarm.local(row.string("event_at")) ?? "", user: row.string("event_user"),
                        text: row.string("event_text") ?? "", alarm: Alarm(row))
        }
        return (events, last)
    }
}

/// One change as the stream sends it: what happened, and the alarm as it is now.
struct StreamEvent: Encodable, Sendable {
    let id: Int
    let kind: String
    let time: String
    let user: String?
    let text: String
    let alarm: Alarm
}
