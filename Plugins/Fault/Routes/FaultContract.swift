import PluginAPI

/// The shapes the fault routes take and answer, for the host's checks and the OpenAPI document.
enum FaultContract {
    /// The largest alarm, event or subscription number a caller may send: far beyond what a site
    /// reaches, and exactly representable as the double the host checks bounds with.
    static let maximumID = 999_999_999_999

    static let alarm = ValueSchema.object([
        "id": .integer(description: "The OMC's alarm number"), "neType": .string(), "neId": .string(), "neName": .string(),
        "managedObject": .string(description: "The object within the NE the alarm is about"),
        "alarmCode": .string(), "alarmTitle": .string(),
        "alarmType": .string(oneOf: AlarmType.allCases.map(\.rawValue)), "probableCause": .string(), "specificProblem": .string(),
        "additionalText": .string(), "perceivedSeverity": .string(oneOf: AlarmSeverity.listed),
        "neAlarmId": .string(description: "The NE's own alarm id"), "alarmSource": .string(),
        "origin": .string(oneOf: ["ne", "sync", "omc", "plugin"]), "sequence": .integer(description: "Sequence number per NE"),
        "state": .string(oneOf: ["active", "cleared"]), "eventTime": .string(description: "yyyy-MM-dd HH:mm:ss, the NE's time"),
        "receiveTime": .string(description: "yyyy-MM-dd HH:mm:ss, when the OMC received it"), "lastEventTime": .string(),
        "repeatCount": .integer(), "acknowledged": .boolean(), "ackUser": .string(), "ackTime": .string(),
        "clearTime": .string(), "clearUser": .string(), "clearReason": .string(), "unmatchedClear": .boolean(),
        "repairAdvice": .string(),
    ], required: ["id", "neType", "neId", "managedObject", "alarmCode", "alarmTitle", "perceivedSeverity", "state", "eventTime",
                  "receiveTime", "sequence", "acknowledged"], name: "Alarm")

    static let pushOutcome = ValueSchema.object([
        "raised": .integer(), "updated": .integer(description: "Repeated raises of active alarms"), "cleared": .integer(),
        "unmatchedClears": .integer(description: "Clears without an active alarm, kept in history"),
        "alarmIDs": .array(of: .integer()),
    ], required: ["raised", "updated", "cleared", "unmatchedClears", "alarmIDs"], name: "AlarmPushOutcome")

    static let syncOutcome = ValueSchema.object([
        "raised": .integer(), "cleared": .integer(description: "Cleared by synchronisation: the NE no longer has them"),
        "unchanged": .integer(), "alarmIDs": .array(of: .integer()),
    ], required: ["raised", "cleared", "unchanged", "alarmIDs"], name: "AlarmSyncOutcome")

    static let event = ValueSchema.object([
        "kind": .string(oneOf: ["raise", "repeat", "change", "clear", "ack", "unack", "comment"]), "time": .string(),
        "user": .string(), "severity": .string(), "text": .string(),
    ], required: ["kind", "time", "text"], name: "AlarmHistoryEntry")

    static let detail = ValueSchema.object([
        "alarm": alarm, "history": .array(of: event), "comments": .array(of: event),
    ], required: ["alarm", "history", "comments"], name: "AlarmDetail")

    static let counts = ValueSchema.object(
        Dictionary(uniqueKeysWithValues: (AlarmSeverity.listed + ["total", "unacknowledged"]).map { ($0, ValueSchema.integer()) }),
        required: ["total", "unacknowledged"], name: "AlarmCounts")

    static let ids = ValueSchema.object([
        "ids": .array(of: .integer(range: 1...FaultContract.maximumID), maxItems: 1000, description: "Alarm numbers"),
    ], required: ["ids"], name: "AlarmIDs")

    static let changed = ValueSchema.object(["changed": .integer(), "unchanged": .integer()], required: ["changed", "unchanged"],
                                            name: "AlarmsChanged")

    static let clearBody = ValueSchema.object(["reason": .string(maxLength: 512, description: "Why it is cleared")], name: "AlarmClear")

    static let commentBody = ValueSchema.object(["text": .string(minLength: 1, maxLength: 2000)], required: ["text"], name: "AlarmComment")
}
