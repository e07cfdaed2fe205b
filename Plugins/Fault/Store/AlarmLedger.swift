import Foundation
import PluginAPI

/// Correlation: applies ``AlarmReport``s to the alarm tables inside one write. A raise of an alarm
/// already active (same NE, managed object and code) updates it: repeat count, last time, severity
/// change. A clear clears the active alarm with the same key; a clear that matches none is kept in
/// history, marked unmatched, and counted.
struct AlarmLedger {
    let db: any DatabaseConnection
    let catalog: AlarmCatalog
    /// When the OMC received the reports, stored as an instant.
    let receivedAt: String

    /// What one batch of reports did.
    struct Outcome: Sendable, Encodable {
        var raised = 0
        var updated = 0
        var cleared = 0
        var unmatchedClears = 0
        /// Ids of the alarms touched, in order.
        var alarmIDs: [Int] = []
    }

    func apply(_ reports: [AlarmReport], clearReason: String = "cleared by the NE") throws -> Outcome {
        var outcome = Outcome()
        for report in reports {
            switch report.transition {
            case .raise: try raise(report, into: &outcome)
            case .clear: try clear(report, reason: clearReason, into: &outcome)
            }
        }
        return outcome
    }

    /// The active alarm with the report's key: id and severity.
    func active(_ report: AlarmReport) throws -> (id: Int, severity: String)? {
        try db.first("""
            SELECT id, severity FROM fault_alarm
            WHERE ne_type = ? AND ne_id = ? AND managed_object = ? AND alarm_code = ? AND state = 'active'
            """, [.text(report.neType), .text(report.neID), .text(report.managedObject), .text(report.alarmCode)])
            .map { ($0.int("id") ?? 0, $0.string("severity") ?? "") }
    }

    private func raise(_ report: AlarmReport, into outcome: inout Outcome) throws {
        let definition = catalog.definition(neType: report.neType, code: report.alarmCode)
        let eventTime = DocumentTime.formatInstant(report.eventTime)
        if let existing = try active(report) {
            let severity = report.severity?.rawValue ?? existing.severity
            try db.execute("""
                UPDATE fault_alarm SET repeat_count = repeat_count + 1, last_event_time = ?, severity = ?,
                    additional_text = ?, specific_problem = ?
                WHERE id = ?
                """, [.text(eventTime), .text(severity), .text(report.additionalText), .text(report.specificProblem), .int(existing.id)])
            let text = severity == existing.severity ? "raised again" : "severity \(existing.severity) → \(severity)"
            try AlarmSchema.event(existing.id, severity == existing.severity ? "repeat" : "change", at: receivedAt, severity: severity,
                                  text: text, in: db)
            outcome.updated += 1
            outcome.alarmIDs.append(existing.id)
            return
        }
        let severity = report.severity ?? definition.map { AlarmSeverity($0.severity) } ?? .indeterminate
        let id = try insert(report, state: "active", severity: severity.rawValue, definition: definition, unmatched: false)
        try AlarmSchema.event(id, "raise", at: receivedAt, severity: severity.rawValue, text: report.additionalText, in: db)
        outcome.raised += 1
        outcome.alarmIDs.append(id)
    }

    private func clear(_ report: AlarmReport, reason: String, into outcome: inout Outcome) throws {
        let clearTime = DocumentTime.formatInstant(report.eventTime)
        if let existing = try active(report) {
            try db.execute("""
                UPDATE fault_alarm SET state = 'cleared', clear_time = ?, clear_receive_time = ?, clear_reason = ? WHERE id = ?
                """, [.text(clearTime), .text(receivedAt), .text(reason), .int(existing.id)])
            try AlarmSchema.event(existing.id, "clear", at: receivedAt, severity: AlarmSeverity.cleared.rawValue, text: reason, in: db)
            outcome.cleared += 1
            outcome.alarmIDs.append(existing.id)
            return
        }
        let definition = catalog.definition(neType: report.neType, code: report.alarmCode)
        let id = try insert(report, state: "cleared", severity: AlarmSeverity.cleared.rawValue, definition: definition, unmatched: true)
        try db.execute("UPDATE fault_alarm SET clear_time = ?, clear_receive_time = ?, clear_reason = ? WHERE id = ?",
                       [.text(clearTime), .text(receivedAt), .text("\(reason); no active alarm matched"), .int(id)])
        try AlarmSchema.event(id, "clear", at: receivedAt, severity: AlarmSeverity.cleared.rawValue,
                              text: "\(reason); no active alarm matched", in: db)
        outcome.unmatchedClears += 1
        outcome.alarmIDs.append(id)
    }

    private func insert(_ report: AlarmReport, state: String, severity: String, definition: AlarmDefinition?, unmatched: Bool) throws -> Int {
        let id = try AlarmSchema.next("alarm", in: db)
        let sequence = try AlarmSchema.next("sequence:\(report.neType)/\(report.neID)", in: db)
        let eventTime = DocumentTime.formatInstant(report.eventTime)
        let title = report.title ?? definition?.name ?? "alarm \(report.alarmCode)"
        try db.execute("""
            INSERT INTO fault_alarm (id, ne_type, ne_id, ne_name, managed_object, alarm_code, alarm_title, alarm_type, probable_cause,
                specific_problem, additional_text, severity, ne_alarm_id, alarm_source, origin, sequence, state, event_time, receive_time,
                last_event_time, repeat_count, acknowledged, unmatched_clear, repair_advice)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(id), .text(report.neType), .text(report.neID), .text(report.neName), .text(report.managedObject),
                  .text(report.alarmCode), .text(title), .text(report.alarmType?.rawValue), .text(report.probableCause),
                  .text(report.specificProblem), .text(report.additionalText), .text(severity), .text(report.neAlarmID),
                  .text(report.source), .text(report.origin.rawValue), .int(sequence), .text(state), .text(eventTime),
                  .text(receivedAt), .text(eventTime), .int(1), .int(0), .int(unmatched ? 1 : 0), .text(definition?.repairAdvice ?? "")])
        return id
    }
}
