public import Foundation

/// An alarm raised or cleared by a plugin rather than pushed by an NE (a KPI threshold crossed, a
/// condition a plugin watches). The fault plugin subscribes and keeps it with the NEs' own alarms:
/// a clear matches the active alarm of the same NE, managed object and alarm code.
public struct AlarmReported: OMCEvent {
    /// `alarm.reported`.
    public static let eventName = "alarm.reported"

    /// Whether the alarm starts or ends.
    public enum Transition: String, Sendable, Hashable, Codable {
        /// The condition started (or is still there: a repeated raise updates the active alarm).
        case raise
        /// The condition ended.
        case clear
    }

    /// The NE type the alarm is about (`UDM`, or `OMC` for the OMC itself).
    public let neType: String
    /// The NE's id.
    public let neID: String
    /// The managed object within the NE (`UDMFunction=1`, `KPI=UDM.AuthFailureRate`).
    public let managedObject: String
    /// The alarm code; with the NE type's catalog it fills in title and repair advice.
    public let alarmCode: String
    /// How serious it is; ignored for a clear.
    public let severity: AlarmDefinition.Severity
    /// The title, or `nil` to take the catalog's.
    public let title: String?
    /// What happened, in words (`AuthFailureRate 12.5 % above 10 %`).
    public let text: String
    /// Raise or clear.
    public let transition: Transition
    /// When the condition started or ended.
    public let time: Date
    /// The plugin that reports it, for the alarm's source.
    public let source: String

    /// An alarm event. `neType` is upper-cased.
    public init(neType: String, neID: String, managedObject: String, alarmCode: String, severity: AlarmDefinition.Severity,
                title: String? = nil, text: String, transition: Transition, time: Date, source: String) {
        self.neType = neType.uppercased()
        self.neID = neID
        self.managedObject = managedObject
        self.alarmCode = alarmCode
        self.severity = severity
        self.title = title
        self.text = text
        self.transition = transition
        self.time = time
        self.source = source
    }
}
