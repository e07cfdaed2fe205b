import Foundation
import PluginAPI

/// A threshold rule's fields after every check: a KPI of the type's catalog (measured, or derived
/// with a usable formula), registered NEs, a direction, and levels whose values are in the order of
/// their severities (for `up`, a more severe level is higher).
struct ThresholdDraft: Sendable {
    let neType: String
    let kpiID: String
    let neIDs: [String]
    let direction: ThresholdRule.Direction
    let levels: [ThresholdRule.Level]
    let alarmCode: String

    static func validate(_ body: JSONValue, catalog: KPICatalog, context: PluginContext) async throws -> ThresholdDraft {
        guard let fields = body.members else { throw OMCError(.invalidInput, "the body must be a JSON object: a threshold rule") }
        var problems = Problems()
        let kpiText = fields["kpi"]?.stringValue ?? ""
        var kpiID = ""
        if let kpi = catalog.kpi(kpiText), kpi.formula == nil || catalog.formulas[kpi.id] != nil {
            kpiID = kpi.id
        } else {
            problems.report("kpi", "NE type \(catalog.neType) has no usable KPI '\(kpiText)'; see …/kpiCatalog")
        }
        var neIDs: [String] = []
        for value in fields["ne_ids"]?.arrayValue ?? [] {
            guard let id = value.stringValue, !id.isEmpty else {
                problems.report("ne_ids", "every NE id must be a text of 1 to 32 characters")
                break
            }
            if try await context.network.element(type: catalog.neType, id: id) == nil {
                problems.report("ne_ids", "no \(catalog.neType) NE is registered as \(id)")
            } else if !neIDs.contains(id) {
                neIDs.append(id)
            }
        }
        let directionText = fields["direction"]?.stringValue ?? ""
        let direction = ThresholdRule.Direction(rawValue: directionText.lowercased())
        if direction == nil { problems.report("direction", "must be up or down, not '\(directionText)'") }
        var levels: [ThresholdRule.Level] = []
        let items = fields["levels"]?.arrayValue ?? []
        if items.isEmpty { problems.report("levels", "name at least one level: {\"severity\", \"value\", \"hysteresis\"}") }
        for (index, item) in items.enumerated() {
            let name = item["severity"]?.stringValue ?? ""
            guard let severity = ThresholdRule.severities.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                problems.report("levels[\(index)].severity", "must be Critical, Major, Minor or Warning, not '\(name)'")
                continue
            }
            guard let value = item["value"]?.numberValue, value.isFinite else {
                problems.report("levels[\(index)].value", "must be a number")
                continue
            }
            let hysteresis = item["hysteresis"]?.numberValue ?? 0
            guard hysteresis >= 0, hysteresis.isFinite else {
                problems.report("levels[\(index)].hysteresis", "must be a number >= 0")
                continue
            }
            guard !levels.contains(where: { $0.severity == severity.rawValue }) else {
                problems.report("levels[\(index)].severity", "\(severity.rawValue) is given twice")
                continue
            }
            levels.append(ThresholdRule.Level(severity: severity.rawValue, value: value, hysteresis: hysteresis))
        }
        let order = ThresholdRule.severities.map(\.rawValue)
        levels.sort { (order.firstIndex(of: $0.severity) ?? 0) < (order.firstIndex(of: $1.severity) ?? 0) }
        if let direction {
            for (more, less) in zip(levels, levels.dropFirst()) {
                let ordered = direction == .up ? more.value > less.value : more.value < less.value
                if !ordered {
                    problems.report("levels", "for direction \(direction.rawValue), \(more.severity) (\(more.value)) must be \(direction == .up ? "above" : "below") \(less.severity) (\(less.value))")
                }
            }
        }
        let code = fields["alarm_code"]?.stringValue ?? "PM-\(kpiID)"
        if code.isEmpty || code.count > 64 { problems.report("alarm_code", "must be a text of 1 to 64 characters") }
        try problems.check()
        guard let direction else { throw OMCError(.invalidInput, "the rule has no direction") }
        return ThresholdDraft(neType: catalog.neType, kpiID: kpiID, neIDs: neIDs, direction: direction, levels: levels, alarmCode: code)
    }
}
