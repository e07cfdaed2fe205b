import Foundation
import PluginAPI

/// An alarm as the operator routes answer it. Times are the OMC's local `yyyy-MM-dd HH:mm:ss`.
struct Alarm: Encodable, Sendable {
    let id: Int
    let neType: String
    let neId: String
    let neName: String
    let managedObject: String
    let alarmCode: String
    let alarmTitle: String
    let alarmType: String?
    let probableCause: String
    let specificProblem: String
    let additionalText: String
    let perceivedSeverity: String
    let neAlarmId: String
    let alarmSource: String
    let origin: String
    let sequence: Int
    /// `active` or `cleared`.
    let state: String
    let eventTime: String
    let receiveTime: String
    let lastEventTime: String
    let repeatCount: Int
    let acknowledged: Bool
    let ackUser: String?
    let ackTime: String?
    let clearTime: String?
    let clearUser: String?
    let clearReason: String?
    /// A clear the OMC had no active alarm for, kept in history.
    let unmatchedClear: Bool
    let repairAdvice: String

    init(_ row: DatabaseRow) {
        id = row.int("id") ?? 0
        neType = row.string("ne_type") ?? ""
        neId = row.string("ne_id") ?? ""
        neName = row.string("ne_name") ?? ""
        managedObject = row.string("managed_object") ?? ""
        alarmCode = row.string("alarm_code") ?? ""
        alarmTitle = row.string("alarm_title") ?? ""
        alarmType = row.string("alarm_type")
        probableCause = row.string("probable_cause") ?? ""
        specificProblem = row.string("specific_problem") ?? ""
        additionalText = row.string("additional_text") ?? ""
        perceivedSeverity = row.string("severity") ?? ""
        neAlarmId = row.string("ne_alarm_id") ?? ""
        alarmSource = row.string("alarm_source") ?? ""
        origin = row.string("origin") ?? ""
        sequence = row.int("sequence") ?? 0
        state = row.string("state") ?? ""
        eventTime = Self.local(row.string("event_time")) ?? ""
        receiveTime = Self.local(row.string("receive_time")) ?? ""
        lastEventTime = Self.local(row.string("last_event_time")) ?? ""
        repeatCount = row.int("repeat_count") ?? 0
        acknowledged = row.int("acknowledged") == 1
        ackUser = row.string("ack_user")
        ackTime = Self.local(row.string("ack_time"))
        clearTime = Self.local(row.string("clear_time"))
        clearUser = row.string("clear_user")
        clearReason = row.string("clear_reason")
        unmatchedClear = row.int("unmatched_clear") == 1
        repairAdvice = row.string("repair_advice") ?? ""
    }

    /// A stored instant as the document writes times.
    static func local(_ stored: String?) -> String? {
        stored.flatMap(DocumentTime.parseInstant).map { DocumentTime.format($0) }
    }
}
