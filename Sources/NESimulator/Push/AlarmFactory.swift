public import Foundation

/// Builds the alarm bodies an NE pushes, with the fields of the API document's alarm (both the
/// POST form — objectId, perceivedSeverity, additionalText, alarmSource — and the sync form —
/// neType, neId, alarmId, origSeverity, addInfo, locationInfo).
public enum AlarmFactory {
    /// Severity names and their `perceivedSeverity` numbers.
    public static let severities = ["Critical": 1, "Major": 2, "Minor": 3, "Warning": 4, "Event": 5]
    static let stringFields = ["alarmId", "alarmTitle", "alarmType", "origSeverity", "eventTime", "specificProblem",
                               "specificProblemId", "additionalText", "addInfo", "locationInfo", "objectId", "alarmSource"]
    static let integerFields = ["alarmCode", "alarmStatus", "perceivedSeverity"]

    /// The alarm numbered `sequence` of `ne`, with `overrides` (fields of the same names) applied.
    /// Throws a 400 ``NEReplyError`` for unknown fields and wrong values.
    public static func alarm(for ne: NEContext, sequence: Int, overrides: [String: JSONValue] = [:],
                             at date: Date = Date()) throws(NEReplyError) -> JSONValue {
        let identity = ne.identity
        var alarm: [String: JSONValue] = [
            "alarmSeq": .int(sequence),
            "alarmId": .string("\(identity.type)\(identity.id)-\(sequence)"),
            "neId": .string(identity.id), "neName": .string(identity.name), "neType": .string(identity.type),
            "objectId": .string(identity.name), "alarmSource": .string(identity.name),
            "alarmCode": 10, "alarmTitle": "NE simulator test alarm", "alarmType": "EquipmentAlarm",
            "origSeverity": "Major", "perceivedSeverity": 2, "alarmStatus": 1,
            "eventTime": .string(TimeFormat.local(date)),
            "specificProblem": "raised through omc-nesim", "specificProblemId": "",
            "additionalText": .string("\(identity.key) at \(ne.host)"), "addInfo": "",
            "locationInfo": .string("\(identity.type)=\(identity.id)"), "province": .string(identity.province),
        ]
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            if stringFields.contains(key) {
                guard let text = value.stringValue, !text.isEmpty || key == "specificProblemId" || key == "addInfo" else {
                    throw NEReplyError(status: 400, "\(key) must be a non-empty string")
                }
                alarm[key] = .string(text)
            } else if integerFields.contains(key) {
                guard let number = value.intValue else { throw NEReplyError(status: 400, "\(key) must be a whole number") }
                alarm[key] = .int(number)
            } else {
                let known = (stringFields + integerFields).sorted().joined(separator: ", ")
                throw NEReplyError(status: 400, "unknown alarm field '\(key)'; known fields: \(known)")
            }
        }
        if let status = alarm["alarmStatus"]?.intValue, status != 0 && status != 1 {
            throw NEReplyError(status: 400, "alarmStatus must be 1 (raised) or 0 (cleared)")
        }
        // Keep the two severity fields consistent when only one is given.
        if let name = overrides["origSeverity"]?.stringValue {
            guard let match = severities.first(where: { $0.key.lowercased() == name.lowercased() }) else {
                throw NEReplyError(status: 400, "origSeverity must be one of: \(severityNames)")
            }
            alarm["origSeverity"] = .string(match.key)
            if overrides["perceivedSeverity"] == nil { alarm["perceivedSeverity"] = .int(match.value) }
        } else if let number = overrides["perceivedSeverity"]?.intValue {
            guard let match = severities.first(where: { $0.value == number }) else {
                throw NEReplyError(status: 400, "perceivedSeverity must be 1 (Critical) to 5 (Event)")
            }
            alarm["origSeverity"] = .string(match.key)
        }
        return .object(alarm)
    }

    private static var severityNames: String {
        severities.sorted { $0.value < $1.value }.map(\.key).joined(separator: ", ")
    }
}
