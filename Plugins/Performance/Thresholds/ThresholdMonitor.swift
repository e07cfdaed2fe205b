import Foundation
import PluginAPI

/// Checks every period an NE reports against the threshold rules of its type: a level crossed raises
/// an alarm (an ``AlarmReported`` event the fault plugin keeps, no code shared), a move to another
/// level raises it again at the new severity, and a return past the level's hysteresis clears it.
enum ThresholdMonitor {
    static let source = "performance"

    /// Evaluates the rules for `report` of `element`, just stored.
    static func evaluate(_ report: MeasurementReport, of element: NetworkElement, catalog: KPICatalog, context: PluginContext) async throws {
        // Each KPI's value for the period: its dimensions summed.
        let values = report.values.reduce(into: [String: Double]()) { $0[$1.kpiID, default: 0] += $1.value }
        let time = report.periodStart.addingTimeInterval(Double(report.granularity * 60))
        let changes = try await context.database.write { db -> [AlarmReported] in
            var events: [AlarmReported] = []
            for rule in try ThresholdStore.rules(ofType: element.neType, in: db) where rule.watches(element.neID) {
                let value: Double?
                if let formula = catalog.formulas[rule.kpiID] {
                    value = formula.inputs.allSatisfy { values[$0] != nil } ? formula.evaluate(values) : nil
                } else {
                    value = values[rule.kpiID]
                }
                guard let value else { continue }
                let current = try ThresholdStore.states(of: rule.id, in: db)[element.neID]
                let next = rule.severity(for: value, current: current)
                guard next != current else { continue }
                try ThresholdStore.setState(rule.id, neID: element.neID, severity: next, in: db)
                events.append(event(rule, element: element, value: value, severity: next ?? current ?? "Warning",
                                    transition: next == nil ? .clear : .raise, time: time))
            }
            return events
        }
        for change in changes { await context.events.publish(change) }
    }

    static func event(_ rule: ThresholdRule, element: NetworkElement, value: Double, severity: String,
                      transition: AlarmReported.Transition, time: Date) -> AlarmReported {
        let level = rule.levels.first { $0.severity == severity }
        let side = rule.direction == .up ? "above" : "below"
        let text = transition == .clear
            ? "\(rule.kpiID) is \(value), back within its thresholds (rule \(rule.id))"
            : "\(rule.kpiID) is \(value), \(side) the \(severity) level \(level?.value ?? 0) (rule \(rule.id))"
        return AlarmReported(neType: element.neType, neID: element.neID, managedObject: "KPI=\(rule.kpiID)", alarmCode: rule.alarmCode,
                             severity: AlarmDefinition.Severity(rawValue: severity) ?? .warning,
                             title: "KPI \(rule.kpiID) threshold crossed", text: text, transition: transition, time: time, source: source)
    }
}
