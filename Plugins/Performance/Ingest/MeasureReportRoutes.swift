import Foundation
import PluginAPI

/// `POST …/elementType/{neType}/objectType/measureReport` with `{id, NeType}`: the document's
/// report request for a task (DECISIONS 204). The OMC asks every NE of task `id` for the report of
/// its last complete period (`POST …/measureReport` on the NE, same body); each NE answers with the
/// document's measurement report, which is checked and stored exactly like a pushed one. The answer
/// says, per NE, what was stored or why not.
enum MeasureReportRoutes {
    static func declare(_ plugin: inout PluginRegistrar, settings: PerformanceSettings) {
        let outcome = ValueSchema.object([
            "neId": .string(), "state": .string(oneOf: ["stored", "refused", "unreachable"]), "reason": .string(),
            "periodStart": .string(), "values": .integer(), "replaced": .integer(),
        ], required: ["neId", "state"], name: "MeasureReportOutcome")
        let retention = TimeInterval(settings.rawRetentionDays) * 86_400
        plugin.route(.post, CatalogRoutes.base + "/measureReport", permission: "performance:report:request",
                     summary: "Ask the NEs of a measurement task for their latest period's report and store it",
                     parameters: [MeasureTaskRoutes.typeParameter],
                     body: .json(.object(["id": .integer(range: 1...Int(Int32.max), orDigits: true, description: "The task"),
                                          "NeType": .string(maxLength: 32)], required: ["id"], name: "MeasureReportRequest")),
                     answer: .data(.array(of: outcome))) { request, context in
            let type = try request.pathParameter("neType").uppercased()
            let body = try await request.decode(JSONValue.self)
            guard let id = body["id"]?.intValue ?? body["id"]?.stringValue.flatMap({ Int($0) }) else {
                throw OMCError.invalid("id", "must be a task number")
            }
            if let given = body["NeType"]?.stringValue, given.uppercased() != type {
                throw OMCError.invalid("NeType", "'\(given)' differs from the NE type of the path, \(type)")
            }
            let catalog = try KPICatalog.of(type, context: context)
            let task = try await context.database.read { db in try MeasureTaskStore.find(id, in: db) }
            guard let task, task.neType == type, task.status != .deleting else {
                throw OMCError.notFound("measurement task \(id) of NE type \(type) does not exist")
            }
            let outcomes = await withTaskGroup(of: JSONValue.self) { group in
                for neID in task.neIDs {
                    group.addTask { await collect(task, from: neID, catalog: catalog, retention: retention, context: context) }
                }
                var all: [JSONValue] = []
                for await outcome in group { all.append(outcome) }
                return all.sorted { ($0["neId"]?.stringValue ?? "") < ($1["neId"]?.stringValue ?? "") }
            }
            return .success(JSONValue.array(outcomes))
        }
    }

    /// Asks one NE for the task's report and stores it.
    static func collect(_ task: MeasureTask, from neID: String, catalog: KPICatalog, retention: TimeInterval,
                        context: PluginContext) async -> JSONValue {
        func outcome(_ state: String, _ reason: String) -> JSONValue {
            ["neId": .string(neID), "state": .string(state), "reason": .string(reason)]
        }
        let element: NetworkElement
        do {
            guard let found = try await context.network.element(type: task.neType, id: neID) else {
                return outcome("unreachable", "NE \(task.neType)/\(neID) is no longer registered")
            }
            element = found
        } catch {
            return outcome("unreachable", "the NE registry cannot be read: \(error)")
        }
        let path = "/api/rest/performanceManagement/v1/elementType/\(element.neType.lowercased())/objectType/measureReport"
        let report: JSONValue
        do {
            let response = try await context.network.send(
                .json(.post, path, ["id": .number(Double(task.id)), "NeType": .string(task.neType)]), to: element)
            guard response.status == 200 else {
                return outcome("refused", response.refusal(from: element, doing: "report measurement task \(task.id)").message)
            }
            report = try response.json(from: element)["data"] ?? .null
        } catch let error as OMCError {
            return outcome("unreachable", error.message)
        } catch {
            return outcome("unreachable", "NE \(element.key): \(error)")
        }
        do {
            let now = context.clock.now()
            let parsed = try MeasurementReport.parse(report, catalog: catalog, now: now, oldest: now.addingTimeInterval(-retention))
            let stored = try await context.database.write { db in try MeasurementStore.store(parsed, of: element, in: db) }
            try await ThresholdMonitor.evaluate(parsed, of: element, catalog: catalog, context: context)
            return ["neId": .string(neID), "state": "stored", "periodStart": .string(DocumentTime.format(parsed.periodStart)),
                    "values": .number(Double(stored.values)), "replaced": .number(Double(stored.replaced))]
        } catch let error as OMCError {
            context.logger.warning("NE \(element.key) sent a measurement report the OMC refused: \(error.message)")
            return outcome("refused", "NE \(element.key) sent a report the OMC refused: \(error.message)")
        } catch {
            return outcome("refused", "NE \(element.key): the report could not be stored: \(error)")
        }
    }
}
