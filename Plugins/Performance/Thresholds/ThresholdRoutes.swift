import Foundation
import PluginAPI

/// Threshold rules of an NE type: `POST …/elementType/{neType}/objectType/threshold` (create),
/// `GET` (list, with the severity raised per NE), `DELETE ?id=` (remove, clearing what it raised).
enum ThresholdRoutes {
    static let path = CatalogRoutes.base + "/threshold"

    static func declare(_ plugin: inout PluginRegistrar) {
        ThresholdStore.declare(&plugin)
        let level = ValueSchema.object(["severity": .string(oneOf: ThresholdRule.severities.map(\.rawValue)), "value": .number(),
                                        "hysteresis": .number(range: 0...Double.greatestFiniteMagnitude)],
                                       required: ["severity", "value"], name: "ThresholdLevel")
        let request = ValueSchema.object([
            "kpi": .string(maxLength: 128, description: "A KPI of the type's catalog, measured or derived"),
            "ne_ids": .array(of: .string(maxLength: 32), maxItems: 1000, description: "NEs watched; none: every NE of the type"),
            "direction": .string(oneOf: ThresholdRule.Direction.allCases.map(\.rawValue)), "levels": .array(of: level, maxItems: 4),
            "alarm_code": .string(maxLength: 64, description: "Alarm code of the raised alarm; PM-<kpi> by default"),
        ], required: ["kpi", "direction", "levels"], name: "ThresholdRuleRequest")
        let shown = ValueSchema.object([
            "id": .integer(), "ne_type": .string(), "kpi": .string(), "ne_ids": .array(of: .string()), "direction": .string(),
            "levels": .array(of: level), "alarm_code": .string(),
            "raised": .array(of: .object(["neId": .string(), "severity": .string()], required: ["neId", "severity"])),
        ], required: ["id", "ne_type", "kpi", "ne_ids", "direction", "levels", "alarm_code"], name: "ThresholdRule")
        plugin.route(.post, path, permission: "performance:threshold:add", summary: "Create a KPI threshold rule",
                     parameters: [MeasureTaskRoutes.typeParameter], body: .json(request), answer: .data(shown)) { request, context in
            let catalog = try KPICatalog.of(try request.pathParameter("neType"), context: context)
            let draft = try await ThresholdDraft.validate(try await request.decode(JSONValue.self), catalog: catalog, context: context)
            let now = context.clock.now()
            let rule = try await context.database.write { db -> ThresholdRule? in
                try ThresholdStore.find(try ThresholdStore.insert(draft, now: now, in: db), in: db)
            }
            guard let rule else { throw OMCError(.internal, "the new threshold rule could not be read back") }
            return .success(rule.json)
        }
        plugin.route(.get, path, permission: "performance:threshold:query", summary: "KPI threshold rules of an NE type",
                     parameters: [MeasureTaskRoutes.typeParameter], answer: .rows(shown)) { request, context in
            let type = try request.pathParameter("neType").uppercased()
            let rows = try await context.database.read { db in
                try ThresholdStore.rules(ofType: type, in: db).map { rule -> JSONValue in
                    let raised = try ThresholdStore.states(of: rule.id, in: db).sorted { $0.key < $1.key }
                        .map { JSONValue.object(["neId": .string($0.key), "severity": .string($0.value)]) }
                    var fields = rule.json.members ?? [:]
                    fields["raised"] = .array(raised)
                    return .object(fields)
                }
            }
            return .list(rows: rows, total: rows.count)
        }
        plugin.route(.delete, path, permission: "performance:threshold:remove", summary: "Remove a KPI threshold rule, clearing its alarms",
                     parameters: [MeasureTaskRoutes.typeParameter],
                     query: [.integer("id", required: true, range: 1...Int(Int32.max), description: "The rule")],
                     answer: .message) { request, context in
            let type = try request.pathParameter("neType").uppercased()
            let text = try request.query.required("id")
            guard let id = Int(text) else { throw OMCError.invalid("id", "'\(text)' is not a rule number") }
            let removed = try await context.database.write { db -> (ThresholdRule, [String: String])? in
                guard let rule = try ThresholdStore.find(id, in: db), rule.neType == type else { return nil }
                let states = try ThresholdStore.states(of: id, in: db)
                try db.execute("DELETE FROM performance_threshold_state WHERE rule_id = ?", [.int(id)])
                try db.execute("DELETE FROM performance_threshold WHERE id = ?", [.int(id)])
                return (rule, states)
            }
            guard let removed else { throw OMCError.notFound("threshold rule \(id) of NE type \(type) does not exist") }
            let now = context.clock.now()
            for (neID, severity) in removed.1.sorted(by: { $0.key < $1.key }) {
                await context.events.publish(AlarmReported(
                    neType: type, neID: neID, managedObject: "KPI=\(removed.0.kpiID)", alarmCode: removed.0.alarmCode,
                    severity: AlarmDefinition.Severity(rawValue: severity) ?? .warning, title: "KPI \(removed.0.kpiID) threshold crossed",
                    text: "threshold rule \(id) was removed", transition: .clear, time: now, source: ThresholdMonitor.source))
            }
            return .success()
        }
    }
}
