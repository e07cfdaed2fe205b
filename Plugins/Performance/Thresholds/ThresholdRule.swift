import Foundation
import PluginAPI

/// A threshold rule (3GPP TS 28.550 threshold monitoring): one KPI of an NE type, watched on some
/// or all NEs of the type, in one direction, with a level per severity and a hysteresis per level.
struct ThresholdRule: Sendable {
    let id: Int
    let neType: String
    let kpiID: String
    /// The NEs watched; empty means every NE of the type.
    let neIDs: [String]
    let direction: Direction
    /// Most severe first.
    let levels: [Level]
    let alarmCode: String

    enum Direction: String, Sendable, CaseIterable {
        /// Values above a level are the problem (a failure count, a latency).
        case up
        /// Values below a level are the problem (a success rate).
        case down
    }

    struct Level: Sendable, Hashable, Codable {
        let severity: String
        let value: Double
        /// How far back across the level the value must go before the severity is left, so a value
        /// wavering around the level does not raise and clear at every period.
        let hysteresis: Double
    }

    /// Severities a level may have, most severe first.
    static let severities: [AlarmDefinition.Severity] = [.critical, .major, .minor, .warning]

    func watches(_ neID: String) -> Bool { neIDs.isEmpty || neIDs.contains(neID) }

    /// The severity `value` calls for, given the one in force (`nil`: none): a more severe level is
    /// entered as soon as it is crossed; the level in force is left only once the value is back
    /// beyond it by its hysteresis.
    func severity(for value: Double, current: String?) -> String? {
        func crossed(_ level: Level, margin: Double) -> Bool {
            direction == .up ? value >= level.value - margin : value <= level.value + margin
        }
        let target = levels.first { crossed($0, margin: 0) }
        guard let current, let held = levels.firstIndex(where: { $0.severity == current }) else { return target?.severity }
        if let target, let index = levels.firstIndex(of: target), index < held { return target.severity }
        if crossed(levels[held], margin: levels[held].hysteresis) { return current }
        return target?.severity
    }

    var json: JSONValue {
        ["id": .number(Double(id)), "ne_type": .string(neType), "kpi": .string(kpiID), "ne_ids": .array(neIDs.map(JSONValue.string)),
         "direction": .string(direction.rawValue), "alarm_code": .string(alarmCode),
         "levels": .array(levels.map { ["severity": .string($0.severity), "value": .number($0.value), "hysteresis": .number($0.hysteresis)] })]
    }
}
