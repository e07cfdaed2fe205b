import Foundation
import PluginAPI

/// Measurement tasks: the document's `POST/PATCH/DELETE …/elementType/{neType}/objectType/measureTask`
/// for every NE type with a KPI catalog, plus a paged list (`GET` on the same path) and one task
/// (`GET …/measureTask/{taskId}`) with the state of each of its NEs.
enum MeasureTaskRoutes {
    static let path = CatalogRoutes.base + "/measureTask"
    static let typeParameter = RouteParameter.string("neType", maxLength: 32, description: "NE type whose catalog the KPIs come from")

    static let requestSchema = ValueSchema.object([
        "id": .anyValue.described("Ignored: the task's number is the query's id (POST) or taskId (PATCH)"),
        "ne_type": .string(maxLength: 32, description: "The path's NE type (optional)"),
        "ne_ids": .anyValue.described("NE ids, as a list or a list in JSON text: [\"001\"]"),
        "kpi_set": .anyValue.described("[{\"Code\": group, \"KPIs\": [KPI ids]}], as a list or JSON text"),
        "schedule": .anyValue.described("[{\"Type\": \"\"|Daily|Weekly|Monthly, \"Days\": [numbers]}], as a list or JSON text"),
        "periods": .anyValue.described("[{\"Start\": \"HH:mm\", \"End\": \"HH:mm\"}], as a list or JSON text"),
        "start_time": .anyValue.described("yyyy-MM-dd HH:mm:ss, or empty: from now"),
        "end_time": .anyValue.described("yyyy-MM-dd HH:mm:ss, or empty: no end"),
        "granul_option": .anyValue.described("Measurement period: 15M, 30M, 60M, … as the NE type supports"),
        "status": .anyValue.described("Active or Inactive"),
        "create_time": .anyValue.described("Ignored: set by the OMC"),
    ], name: "MeasureTaskRequest")

    static let elementSchema = ValueSchema.object([
        "neId": .string(), "state": .string(oneOf: NETaskState.allCases.map(\.rawValue)), "reason": .string(),
        "attempts": .integer(), "updatedAt": .string(),
    ], required: ["neId", "state", "attempts", "updatedAt"], name: "MeasureTaskElement")

    static let taskSchema = ValueSchema.object([
        "id": .integer(), "ne_type": .string(), "ne_ids": .array(of: .string()),
        "kpi_set": .array(of: .object(["Code": .string(), "KPIs": .array(of: .string())])),
        "schedule": .array(of: .object(["Type": .string(), "Days": .array(of: .integer())])),
        "periods": .array(of: .object(["Start": .string(), "End": .string()])),
        "start_time": .string(), "end_time": .string(), "granul_option": .string(),
        "status": .string(oneOf: TaskStatus.allCases.map(\.rawValue) + ["Deleted"]), "delivery": .string(oneOf: ["complete", "incomplete"]),
        "elements": .array(of: elementSchema), "created_by": .string(), "create_time": .string(), "update_time": .string(),
    ], required: ["id", "ne_type", "ne_ids", "kpi_set", "schedule", "periods", "start_time", "end_time", "granul_option",
                  "status", "delivery", "elements", "create_time", "update_time"], name: "MeasureTask")

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.post, path, permission: "performance:task:add", summary: "Create a measurement task and send it to its NEs",
                     parameters: [typeParameter],
                     query: [.integer("id", range: 1...Int(Int32.max), description: "The new task's number; the next free one when absent")],
                     body: .json(requestSchema), answer: .data(taskSchema), handler: create)
        plugin.route(.patch, path, permission: "performance:task:edit", summary: "Change or (de)activate a measurement task on its NEs",
                     parameters: [typeParameter],
                     query: [.integer("taskId", required: true, range: 1...Int(Int32.max), description: "The task to change")],
                     body: .json(requestSchema), answer: .data(taskSchema), handler: change)
        plugin.route(.delete, path, permission: "performance:task:remove", summary: "Stop a measurement task on its NEs and remove it",
                     parameters: [typeParameter],
                     query: [.integer("taskId", required: true, range: 1...Int(Int32.max), description: "The task to remove")],
                     answer: .data(taskSchema), handler: remove)
        plugin.route(.get, path, permission: "performance:task:query", summary: "Measurement tasks of an NE type, paged, with their NEs' states",
                     parameters: [typeParameter],
                     query: [.string("status", oneOf: TaskStatus.allCases.map(\.rawValue))] + RouteParameter.paging(sortable: ["id"]),
                     answer: .rows(taskSchema), handler: list)
        plugin.route(.get, path + "/{taskId}", permission: "performance:task:query", summary: "One measurement task with its NEs' states",
                     parameters: [typeParameter, .integer("taskId", range: 1...Int(Int32.max), description: "The task")],
                     answer: .data(taskSchema), handler: show)
    }

    static func body(_ request: OMCRequest) async throws -> [String: JSONValue] {
        let value = try await request.decode(JSONValue.self)
        guard let fields = value.members else { throw OMCError(.invalidInput, "the body must be a JSON object of measure_task fields") }
        // The document's omc_db body wraps the fields in "measure_task".
        return fields["measure_task"]?.members ?? fields
    }

    static func create(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType")
        let id = try request.query["id"].map { text throws(OMCError) -> Int in
            guard let id = Int(text), id > 0 else { throw OMCError.invalid("id", "'\(text)' is not a task number") }
            return id
        }
        let draft = try await MeasureTaskDraft.validate(try await body(request), pathType: type, existing: nil, context: context)
        let now = context.clock.now()
        let user = request.caller?.userName
        let task = try await context.database.write { db in try MeasureTaskStore.insert(draft, id: id, createdBy: user, now: now, in: db) }
        try await TaskDelivery.deliver(task.id, context: context)
        return .success(try await shown(task.id, context: context))
    }

    static func change(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType")
        let id = try taskID(request)
        let fields = try await body(request)
        let existing = try await context.database.read { db in try MeasureTaskStore.find(id, in: db) }
        guard let existing, existing.status != .deleting else { throw OMCError.notFound("measurement task \(id) does not exist") }
        try await update(existing, with: fields, type: type, context: context)
        return .success(try await shown(id, context: context))
    }

    /// Checks `fields` over `existing`, stores the change and tells the NEs; shared with the
    /// document's `PUT …/omc_db/measure_task`.
    static func update(_ existing: MeasureTask, with fields: [String: JSONValue], type: String, context: PluginContext) async throws {
        let draft = try await MeasureTaskDraft.validate(fields, pathType: type, existing: existing, context: context)
        let now = context.clock.now()
        // A change within the same second as the previous one still gets a newer version.
        let version = max(now, existing.updatedAt.addingTimeInterval(1))
        try await context.database.write { db in
            guard let current = try MeasureTaskStore.find(existing.id, in: db), current.status != .deleting else {
                throw OMCError.notFound("measurement task \(existing.id) does not exist")
            }
            try MeasureTaskStore.update(existing.id, with: draft, now: version, in: db)
        }
        try await TaskDelivery.deliver(existing.id, context: context)
    }

    static func remove(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        let id = try taskID(request)
        let now = context.clock.now()
        let marked = try await context.database.write { db -> MeasureTask in
            guard let task = try MeasureTaskStore.find(id, in: db), task.neType == type, task.status != .deleting else {
                throw OMCError.notFound("measurement task \(id) of NE type \(type) does not exist")
            }
            try MeasureTaskStore.markDeleting(id, now: max(now, task.updatedAt.addingTimeInterval(1)), in: db)
            return task
        }
        try await TaskDelivery.deliver(id, context: context)
        if let left = try? await shown(id, context: context) { return .success(left) }
        // Every NE dropped it: the task is gone.
        var gone = render(marked, elements: [])
        gone["status"] = "Deleted"
        return .success(JSONValue.object(gone))
    }

    static func list(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        var query = SQLListQuery(page: try PageRequest(query: request.query, sortable: ["id"]))
        query.equals("ne_type", .text(type))
        if let status = request.query["status"] {
            guard let known = TaskStatus.allCases.first(where: { $0.rawValue.lowercased() == status.lowercased() }) else {
                throw OMCError.invalid("status", "must be one of \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.equals("status", .text(known.rawValue))
        }
        query.order(by: ["id": "id"], default: "id", then: "id")
        let (rows, total) = try await context.database.read { [query] db in
            let found = try query.fetch(select: "SELECT \(MeasureTaskStore.columns) FROM performance_task", from: "performance_task", in: db)
            let tasks = found.rows.map(MeasureTaskStore.task)
            return (try tasks.map { task in JSONValue.object(render(task, elements: try MeasureTaskStore.elements(of: task.id, in: db))) },
                    found.total)
        }
        return .list(rows: rows, total: total)
    }

    static func show(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        let text = try request.pathParameter("taskId")
        guard let id = Int(text), id > 0 else { throw OMCError.invalid("taskId", "'\(text)' is not a task number") }
        let shownTask = try await shown(id, context: context)
        guard shownTask["ne_type"]?.stringValue == type else {
            throw OMCError.notFound("measurement task \(id) of NE type \(type) does not exist")
        }
        return .success(shownTask)
    }

    static func taskID(_ request: OMCRequest) throws(OMCError) -> Int {
        let text = try request.query.required("taskId")
        guard let id = Int(text), id > 0 else { throw OMCError.invalid("taskId", "'\(text)' is not a task number") }
        return id
    }

    /// The task with its NEs' states; 404 when it does not exist.
    static func shown(_ id: Int, context: PluginContext) async throws -> JSONValue {
        let found = try await context.database.read { db -> JSONValue? in
            guard let task = try MeasureTaskStore.find(id, in: db) else { return nil }
            return .object(render(task, elements: try MeasureTaskStore.elements(of: id, in: db)))
        }
        guard let found else { throw OMCError.notFound("measurement task \(id) does not exist") }
        return found
    }

    static func render(_ task: MeasureTask, elements: [TaskElement]) -> [String: JSONValue] {
        let settled = elements.allSatisfy { $0.state == NETaskState.active.rawValue || $0.state == NETaskState.inactive.rawValue }
        var fields: [String: JSONValue] = [
            "id": .number(Double(task.id)), "ne_type": .string(task.neType), "ne_ids": .array(task.neIDs.map(JSONValue.string)),
            "kpi_set": .array(task.kpiSet.map(\.json)), "schedule": .array(task.schedule.map(\.json)),
            "periods": .array(task.periods.map(\.json)),
            "start_time": .string(task.start.map { DocumentTime.format($0) } ?? ""),
            "end_time": .string(task.end.map { DocumentTime.format($0) } ?? ""),
            "granul_option": .string(Granularity.name(task.granularity)), "status": .string(task.status.rawValue),
            "delivery": .string(settled && task.status != .deleting ? "complete" : "incomplete"),
            "elements": .array(elements.map(\.json)),
            "create_time": .string(DocumentTime.format(task.createdAt)), "update_time": .string(DocumentTime.format(task.updatedAt)),
        ]
        if let user = task.createdBy { fields["created_by"] = .string(user) }
        return fields
    }
}
