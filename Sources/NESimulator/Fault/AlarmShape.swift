/// The two shapes of the API document's alarm, cut from the full alarm ``AlarmFactory`` builds.
public enum AlarmShape: String, Sendable, CaseIterable {
    /// Every field of both shapes in one object (what the simulator always sent).
    case full
    /// The single object of `POST …/alarms`: objectId, perceivedSeverity, additionalText, alarmSource.
    case single
    /// An array of the sync form: neType, neId, alarmId, origSeverity, addInfo, locationInfo.
    case array

    static let singleFields = ["objectId", "alarmTitle", "eventTime", "alarmCode", "alarmType", "perceivedSeverity", "alarmStatus",
                               "specificProblem", "additionalText", "alarmSource"]
    static let arrayFields = ["neType", "neId", "alarmId", "alarmTitle", "eventTime", "alarmCode", "alarmType", "origSeverity",
                              "alarmStatus", "specificProblem", "addInfo", "locationInfo"]

    /// `alarm` with only the single shape's fields.
    public static func single(_ alarm: JSONValue) -> JSONValue {
        .object((alarm.objectValue ?? [:]).filter { singleFields.contains($0.key) })
    }

    /// `alarm` with only the array shape's fields; `locationInfo` names the same object as `objectId`,
    /// so that a clear in either shape matches a raise in the other.
    public static func arrayItem(_ alarm: JSONValue) -> JSONValue {
        var fields = (alarm.objectValue ?? [:]).filter { arrayFields.contains($0.key) }
        if let object = alarm["objectId"] { fields["locationInfo"] = object }
        if let text = alarm["additionalText"], fields["addInfo"]?.stringValue?.isEmpty ?? true { fields["addInfo"] = text }
        return .object(fields)
    }

    /// The body to push for `alarms` in this shape.
    public func body(_ alarms: [JSONValue]) -> JSONValue {
        switch self {
        case .full: alarms.count == 1 ? alarms[0] : .array(alarms)
        case .single: alarms.count == 1 ? Self.single(alarms[0]) : .array(alarms.map(Self.single))
        case .array: .array(alarms.map(Self.arrayItem))
        }
    }
}
