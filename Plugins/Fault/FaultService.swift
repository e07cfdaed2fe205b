import Foundation
import PluginAPI

/// The fault plugin's work shared by routes, events and MML: keeping reports, synchronising an NE.
enum FaultService {
    /// Applies `reports` in one write and returns what changed.
    static func ingest(_ reports: [AlarmReport], context: PluginContext, at now: Date,
                       clearReason: String = "cleared by the NE") async throws -> AlarmLedger.Outcome {
        guard !reports.isEmpty else { return AlarmLedger.Outcome() }
        let catalog = AlarmCatalog(host: context.host)
        let receivedAt = DocumentTime.formatInstant(now)
        return try await context.database.write { db in
            try AlarmLedger(db: db, catalog: catalog, receivedAt: receivedAt).apply(reports, clearReason: clearReason)
        }
    }

    /// What a synchronisation changed.
    struct SyncOutcome: Sendable, Encodable {
        var raised = 0
        var cleared = 0
        var unchanged = 0
        /// Ids of the alarms raised or cleared.
        var alarmIDs: [Int] = []
    }

    /// The reason recorded on alarms a synchronisation clears.
    static let syncClearReason = "cleared by synchronisation"

    /// Brings the OMC's active alarms of `element` that came from the NE in line with `active`, the
    /// NE's own list: alarms the NE no longer has are cleared, new ones raised, the rest left alone.
    /// The OMC's own alarms about the NE (communication lost) and other plugins' are not the NE's to judge.
    static func synchronise(_ element: NetworkElement, with active: [AlarmReport], context: PluginContext,
                            at now: Date) async throws -> SyncOutcome {
        let catalog = AlarmCatalog(host: context.host)
        let receivedAt = DocumentTime.formatInstant(now)
        let reports = active.map { report in
            var report = report
            report.origin = .sync
            return report
        }
        return try await context.database.write { db in
            let rows = try db.query("""
                SELECT id, managed_object, alarm_code FROM fault_alarm
                WHERE ne_type = ? AND ne_id = ? AND state = 'active' AND origin IN ('ne', 'sync')
                """, [.text(element.neType), .text(element.neID)])
            let wanted = Set(reports.map { "\($0.managedObject)\u{1F}\($0.alarmCode)" })
            var outcome = SyncOutcome()
            var held = Set<String>()
            for row in rows {
                let key = "\(row.string("managed_object") ?? "")\u{1F}\(row.string("alarm_code") ?? "")"
                let id = row.int("id") ?? 0
                if wanted.contains(key) {
                    held.insert(key)
                    outcome.unchanged += 1
                    continue
                }
                try db.execute("UPDATE fault_alarm SET state = 'cleared', clear_time = ?, clear_receive_time = ?, clear_reason = ? WHERE id = ?",
                               [.text(receivedAt), .text(receivedAt), .text(syncClearReason), .int(id)])
                try AlarmSchema.event(id, "clear", at: receivedAt, severity: AlarmSeverity.cleared.rawValue, text: syncClearReason, in: db)
                outcome.cleared += 1
                outcome.alarmIDs.append(id)
            }
            let missing = reports.filter { !held.contains("\($0.managedObject)\u{1F}\($0.alarmCode)") }
            let raised = try AlarmLedger(db: db, catalog: catalog, receivedAt: receivedAt).apply(missing)
            outcome.raised = raised.raised + raised.updated
            outcome.alarmIDs += raised.alarmIDs
            return outcome
        }
    }

    /// Acknowledges (or takes back the acknowledgement of) the alarms `ids` as `user`; returns how
    /// many changed. An unknown id refuses them all.
    static func acknowledge(_ ids: [Int], acknowledged: Bool, by user: String, context: PluginContext) async throws -> Int {
        let now = DocumentTime.formatInstant(context.clock.now())
        return try await context.database.write { db -> Int in
            var missing: [Int] = []
            var toChange: [Int] = []
            for id in ids {
                guard let row = try db.first("SELECT acknowledged FROM fault_alarm WHERE id = ?", [.int(id)]) else {
                    missing.append(id)
                    continue
                }
                if (row.int("acknowledged") == 1) != acknowledged { toChange.append(id) }
            }
            guard missing.isEmpty else {
                throw OMCError.notFound("alarm \(missing.map(String.init).joined(separator: ", ")) does not exist; nothing was changed")
            }
            for id in toChange {
                if acknowledged {
                    try db.execute("UPDATE fault_alarm SET acknowledged = 1, ack_user = ?, ack_time = ? WHERE id = ?", [.text(user), .text(now), .int(id)])
                } else {
                    try db.execute("UPDATE fault_alarm SET acknowledged = 0, ack_user = NULL, ack_time = NULL WHERE id = ?", [.int(id)])
                }
                try AlarmSchema.event(id, acknowledged ? "ack" : "unack", at: now, user: user,
                                      text: acknowledged ? "acknowledged" : "acknowledgement taken back", in: db)
            }
            return toChange.count
        }
    }

    /// Clears the active alarm `id` by hand as `user`, with an optional reason; answers it cleared.
    static func clear(_ id: Int, reason: String?, by user: String, context: PluginContext) async throws -> Alarm {
        let reason = "cleared by \(user)" + (reason.map { ": \($0)" } ?? "")
        let now = DocumentTime.formatInstant(context.clock.now())
        return try await context.database.write { db -> Alarm in
            guard let row = try db.first("SELECT state FROM fault_alarm WHERE id = ?", [.int(id)]) else {
                throw OMCError.notFound("alarm \(id) does not exist")
            }
            guard row.string("state") == "active" else { throw OMCError(.conflict, "alarm \(id) is already cleared") }
            try db.execute("""
                UPDATE fault_alarm SET state = 'cleared', clear_time = ?, clear_receive_time = ?, clear_user = ?, clear_reason = ? WHERE id = ?
                """, [.text(now), .text(now), .text(user), .text(reason), .int(id)])
            try AlarmSchema.event(id, "clear", at: now, user: user, severity: AlarmSeverity.cleared.rawValue, text: reason, in: db)
            guard let cleared = try db.first("SELECT \(AlarmSchema.columns) FROM fault_alarm WHERE id = ?", [.int(id)]) else {
                throw OMCError.notFound("alarm \(id) does not exist")
            }
            return Alarm(cleared)
        }
    }
}
