import Foundation

/// One raise or clear as it reaches the fault plugin, whatever brought it (an NE's push in either
/// document shape, a synchronisation, the OMC's own checks, another plugin's ``AlarmReported``),
/// already checked: correlation works on these alone.
struct AlarmReport: Sendable, Hashable {
    enum Transition: String, Sendable, Hashable {
        case raise, clear
    }

    /// Where a report came from, kept with the alarm.
    enum Origin: String, Sendable, Hashable {
        /// Pushed by the NE.
        case ne
        /// Found by synchronisation with the NE.
        case sync
        /// Raised by the OMC itself (NE communication lost).
        case omc
        /// Published by another plugin (``AlarmReported``).
        case plugin
    }

    var neType: String
    var neID: String
    var neName: String
    var managedObject: String
    var alarmCode: String
    var title: String?
    var alarmType: AlarmType?
    var probableCause: String
    var specificProblem: String
    var additionalText: String
    var severity: AlarmSeverity?
    var eventTime: Date
    var transition: Transition
    /// The NE's own id of the alarm (`alarmId`), when it sends one.
    var neAlarmID: String
    var source: String
    var origin: Origin
}
