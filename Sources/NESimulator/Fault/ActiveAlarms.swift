import Synchronization

/// The alarms an NE has raised and not cleared, keyed like the OMC correlates them (managed object
/// and alarm code), in the order they were raised: what the NE answers an OMC that synchronises.
public final class ActiveAlarms: Sendable {
    private let alarms = Mutex<[(key: String, alarm: JSONValue)]>([])

    /// No alarm yet.
    public init() {}

    /// Keeps a raise (`alarmStatus` 1), replacing an active alarm with the same key, or forgets the
    /// active alarm a clear (`alarmStatus` 0) names.
    public func record(_ alarm: JSONValue) {
        let object = alarm["objectId"]?.stringValue ?? alarm["locationInfo"]?.stringValue ?? ""
        let key = "\(object)|\(alarm["alarmCode"].map { $0.stringValue ?? $0.intValue.map(String.init) ?? "" } ?? "")"
        let raised = alarm["alarmStatus"]?.intValue == 1
        alarms.withLock { list in
            list.removeAll { $0.key == key }
            if raised { list.append((key, alarm)) }
        }
    }

    /// The active alarms in the document's array shape.
    public var list: [JSONValue] {
        alarms.withLock { $0.map { AlarmShape.arrayItem($0.alarm) } }
    }

    /// How many are active.
    public var count: Int { alarms.withLock { $0.count } }
}
