import Foundation
import PluginAPI

/// Fault MML on the OMC's element type: `LST ALMAF` (active alarms), `LST ALMLOG` (history),
/// `ACK ALM` and `CLR ALM` (high risk), with the rights of the matching routes.
enum AlarmCommands {
    static let filters: [MMLParameter] = [
        .text("NETYPE", maxLength: 32, help: "only alarms of NEs of this type, e.g. UDM"),
        .text("NEID", maxLength: 32, help: "only alarms of this NE id"),
        .enumeration("SEVERITY", AlarmSeverity.listed, help: "only alarms of this severity"),
        .text("CODE", maxLength: 64, help: "only alarms of this alarm code"),
        .enumeration("ACK", ["YES", "NO"], help: "only acknowledged (YES) or unacknowledged (NO) alarms"),
        .integer("COUNT", range: 1...1000, help: "most alarms listed, newest first (default 100)"),
    ]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.mml("LST ALMAF", neType: "OMC", parameters: filters, privilege: "fault:alarm:query", risk: .readOnly,
                   help: "List active alarms, newest first, e.g. LST ALMAF: SEVERITY=critical, NETYPE=UDM;") { invocation, context in
            try await list(invocation, context, state: "active")
        }
        plugin.mml("LST ALMLOG", neType: "OMC", parameters: filters, privilege: "fault:alarm:query", risk: .readOnly,
                   help: "List cleared alarms (the history), most recently cleared first.") { invocation, context in
            try await list(invocation, context, state: "cleared")
        }
        plugin.mml("ACK ALM", neType: "OMC",
                   parameters: [.text("ID", maxLength: 8000, required: true, help: "alarm numbers, separated by &, e.g. ID=12&13")],
                   privilege: "fault:alarm:ack", risk: .modifying,
                   help: "Acknowledge alarms by number.") { invocation, context in
            let ids = try numbers(invocation.string("ID") ?? "")
            let changed = try await FaultService.acknowledge(ids, acknowledged: true, by: invocation.caller?.userName ?? "-", context: context)
            return MMLReply(output: "\(changed) alarms acknowledged, \(ids.count - changed) already acknowledged",
                            data: ["changed": .number(Double(changed)), "unchanged": .number(Double(ids.count - changed))])
        }
        plugin.mml("CLR ALM", neType: "OMC",
                   parameters: [.integer("ID", range: 1...FaultContract.maximumID, required: true, help: "the alarm number"),
                                .text("REASON", maxLength: 512, help: "why it is cleared")],
                   privilege: "fault:alarm:clear", risk: .highRisk,
                   help: "Clear an active alarm by hand; the NE may raise it again.") { invocation, context in
            let id = invocation.integer("ID") ?? 0
            let alarm = try await FaultService.clear(id, reason: invocation.string("REASON"), by: invocation.caller?.userName ?? "-",
                                                     context: context)
            return MMLReply(output: "alarm \(id) cleared: \(alarm.clearReason ?? "")")
        }
    }

    /// `12&13&14` (or commas) as distinct alarm numbers.
    static func numbers(_ text: String) throws(OMCError) -> [Int] {
        var ids: [Int] = []
        for part in text.split(whereSeparator: { $0 == "&" || $0 == "," }) {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)), id > 0 else {
                throw OMCError.invalid("ID", "'\(String(part))' is not an alarm number")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty, ids.count <= 1000 else { throw OMCError.invalid("ID", "must name 1 to 1000 alarms") }
        return ids
    }

    static func list(_ invocation: MMLInvocation, _ context: PluginContext, state: String) async throws -> MMLReply {
        var query = SQLListQuery(page: nil)
        query.equals("state", .text(state))
        query.equals("ne_type", invocation.string("NETYPE").map { .text($0.uppercased()) })
        query.equals("ne_id", invocation.string("NEID").map(SQLValue.text))
        query.equals("severity", invocation.string("SEVERITY").map { .text($0.lowercased()) })
        query.equals("alarm_code", invocation.string("CODE").map(SQLValue.text))
        if let ack = invocation.string("ACK") { query.equals("acknowledged", .int(ack.uppercased() == "YES" ? 1 : 0)) }
        query.orderBy = state == "active" ? "event_time DESC, id DESC" : "clear_receive_time DESC, id DESC"
        let count = invocation.integer("COUNT") ?? 100
        let alarms = try await context.database.read { [query] db in
            let select = query.selectSQL("SELECT \(AlarmSchema.columns) FROM fault_alarm")
            return try db.query(select.sql + " LIMIT ?", select.arguments + [.int(count)]).map(Alarm.init)
        }
        let headers = ["ID", "NE", "Object", "Code", "Title", "Severity", "Event time", "Ack"] + (state == "active" ? [] : ["Cleared"])
        let rows = alarms.map { alarm in
            [String(alarm.id), "\(alarm.neType)/\(alarm.neId)", alarm.managedObject, alarm.alarmCode, alarm.alarmTitle,
             alarm.perceivedSeverity, alarm.eventTime, alarm.acknowledged ? (alarm.ackUser ?? "yes") : "no"]
                + (state == "active" ? [] : [alarm.clearTime ?? ""])
        }
        return .table(headers: headers, rows: rows)
    }
}
