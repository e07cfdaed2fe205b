import Foundation
import PluginAPI

/// Trace tasks: the document's `POST/PUT/DELETE /api/rest/traceManagement/v1/subscriptions`, plus a
/// paged list (`GET` on the same path) and one task (`GET …/subscriptions/{id}`), which the document lacks.
enum TraceTaskRoutes {
    static let path = "/api/rest/traceManagement/v1/subscriptions"

    static func declare(_ plugin: inout PluginRegistrar, settings: TraceSettings) {
        let task = ValueSchema.object([
            "id": .integer(description: "The task's number: only for PUT"),
            "traceType": .string(description: "The kind of trace"),
            "startTime": .string(description: "yyyy-MM-dd HH:mm:ss"), "endTime": .string(description: "yyyy-MM-dd HH:mm:ss"),
            "neType": .string(maxLength: 32), "neId": .string(maxLength: 32),
            "interfaces": .array(of: .string(), description: "Interfaces to trace (N8, …)"),
            "srcIp": .string(description: "Only signalling from this address"), "signalPort": .integer(description: "Only this port"),
        ], required: ["traceType", "startTime", "endTime", "neType", "neId", "interfaces"], name: "TraceTaskRequest")
        let shown = ValueSchema.object([
            "id": .integer(), "traceType": .string(), "neType": .string(), "neId": .string(), "interfaces": .array(of: .string()),
            "srcIp": .string(), "signalPort": .integer(), "startTime": .string(), "endTime": .string(),
            "state": .string(oneOf: TraceTaskState.allCases.map(\.rawValue)), "reason": .string(), "activatedAt": .string(),
            "finishedAt": .string(), "createdBy": .string(), "createdAt": .string(), "updatedAt": .string(),
        ], required: ["id", "traceType", "neType", "neId", "interfaces", "startTime", "endTime", "state", "createdAt", "updatedAt"],
           name: "TraceTask")
        plugin.route(.post, path, permission: "trace:task:add", summary: "Create a trace task",
                     body: .json(task), answer: .data(shown)) { request, context in
            try await create(request, context, settings: settings)
        }
        plugin.route(.put, path, permission: "trace:task:edit", summary: "Change a scheduled or failed trace task",
                     body: .json(task), answer: .data(shown)) { request, context in
            try await update(request, context, settings: settings)
        }
        plugin.route(.delete, path, permission: "trace:task:remove", summary: "Delete trace tasks (?id=1,2), stopping running ones",
                     query: [.string("id", description: "Task numbers, comma-separated or repeated (required)")], answer: .message, handler: remove)
        plugin.route(.get, path, permission: "trace:task:query", summary: "Trace tasks, paged, with their state",
                     query: [.string("neType", maxLength: 32), .string("neId", maxLength: 32),
                             .string("state", oneOf: TraceTaskState.allCases.map(\.rawValue),
                                     rule: "must be one of \(TraceTaskState.allCases.map(\.rawValue).joined(separator: ", "))"),
                             .string("traceType")]
                         + RouteParameter.paging(sortable: sortColumns.keys.sorted()),
                     answer: .rows(shown), handler: list)
        plugin.route(.get, path + "/{id}", permission: "trace:task:query", summary: "One trace task with its state",
                     answer: .data(shown), handler: show)
    }

    static func create(_ request: OMCRequest, _ context: PluginContext, settings: TraceSettings) async throws -> OMCResponse {
        let body = try await request.decode(TraceTaskBody.self)
        if body.id != nil { throw OMCError.invalid("id", "is given by the OMC; send it only to PUT") }
        let draft = try await TraceTaskDraft.validate(body, settings: settings, context: context)
        let now = context.clock.now()
        let user = request.caller?.userName
        let task = try await context.database.write { db in try TraceTaskStore.insert(draft, createdBy: user, now: now, in: db) }
        guard let task else { throw OMCError(.internal, "the new trace task could not be read back") }
        return .success(task)
    }

    static func update(_ request: OMCRequest, _ context: PluginContext, settings: TraceSettings) async throws -> OMCResponse {
        let body = try await request.decode(TraceTaskBody.self)
        guard let id = body.id else { throw OMCError.invalid("id", "is required: the number of the task to change") }
        let draft = try await TraceTaskDraft.validate(body, settings: settings, context: context)
        let now = context.clock.now()
        let task = try await context.database.write { db -> TraceTask? in
            guard let existing = try TraceTaskStore.find(id, in: db) else { throw OMCError.notFound("trace task \(id) does not exist") }
            let state = TraceTaskState(rawValue: existing.state)
            guard state == .scheduled || state == .failed else {
                throw OMCError(.conflict, "trace task \(id) is \(existing.state); only scheduled or failed tasks can be changed (delete it and create another)")
            }
            try TraceTaskStore.update(id, with: draft, now: now, in: db)
            return try TraceTaskStore.find(id, in: db)
        }
        guard let task else { throw OMCError.notFound("trace task \(id) does not exist") }
        return .success(task)
    }

    /// Deletes every listed task. Unknown ids refuse the whole request; a running task is first
    /// stopped on its NE, and one whose NE cannot stop it is kept and named in the answer.
    static func remove(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let texts = request.query.values("id")
        guard !texts.isEmpty else { throw OMCError.invalid("id", "query parameter is required: ?id=1,2") }
        var ids: [Int] = []
        for text in texts {
            guard let id = Int(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
                throw OMCError.invalid("id", "'\(text)' is not a task number")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        let wanted = ids
        let tasks = try await context.database.read { db in try wanted.compactMap { try TraceTaskStore.find($0, in: db) } }
        let missing = ids.filter { id in !tasks.contains { $0.id == id } }
        guard missing.isEmpty else {
            throw OMCError.notFound("trace task \(missing.map(String.init).joined(separator: ", ")) does not exist; nothing was deleted")
        }
        var kept: [String] = []
        for task in tasks {
            do {
                try await removeOne(task, context)
            } catch {
                kept.append("task \(task.id): \(error)")
            }
        }
        guard kept.isEmpty else {
            throw OMCError(.neFailure, "deleted \(ids.count - kept.count) of \(ids.count) trace tasks; kept, still running: \(kept.joined(separator: "; "))")
        }
        return .success()
    }

    /// Deletes `task`, deactivating it on its NE first when it runs. The delete applies only to the
    /// state seen, so a task the scheduler activates meanwhile is seen again and stopped too.
    private static func removeOne(_ task: TraceTask, _ context: PluginContext) async throws {
        var current = task
        while true {
            if current.state == TraceTaskState.running.rawValue,
               let element = try await context.network.element(type: current.neType, id: current.neId) {
                try await NETraceClient.deactivate(current.id, on: element, context: context)
            }
            let seen = current
            let removed = try await context.database.write { db in
                try db.execute("DELETE FROM trace_task WHERE id = ? AND state = ?", [.int(seen.id), .text(seen.state)])
                return db.changedRowCount == 1
            }
            guard !removed, let fresh = try await context.database.read({ db in try TraceTaskStore.find(seen.id, in: db) }) else { return }
            current = fresh
        }
    }

    static func show(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let text = try request.pathParameter("id")
        guard let id = Int(text) else { throw OMCError.invalid("id", "'\(text)' is not a task number") }
        let task = try await context.database.read { db in try TraceTaskStore.find(id, in: db) }
        guard let task else { throw OMCError.notFound("trace task \(id) does not exist") }
        return .success(task)
    }

    static let sortColumns = ["id": "id", "startTime": "start_at", "endTime": "end_at", "state": "state", "neType": "ne_type", "neId": "ne_id"]

    /// Filters: `neType`, `neId`, `state`, `traceType`; sorted by `sortField` (id by default).
    static func list(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let page = try PageRequest(query: request.query, sortable: sortColumns.keys.sorted())
        var query = SQLListQuery(page: page)
        query.equals("ne_type", request.query["neType"].map { .text($0.uppercased()) })
        query.equals("ne_id", request.query["neId"].map(SQLValue.text))
        if let state = request.query["state"] {
            guard TraceTaskState(rawValue: state) != nil else {
                throw OMCError.invalid("state", "must be one of \(TraceTaskState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.equals("state", .text(state))
        }
        query.equals("trace_type", request.query["traceType"].map(SQLValue.text))
        query.order(by: sortColumns, default: "id", then: "id")
        let (rows, total) = try await context.database.read { [query] db in
            let found = try query.fetch(select: "SELECT \(TraceTaskStore.columns) FROM trace_task", from: "trace_task", in: db)
            return (found.rows.map(TraceTask.init), found.total)
        }
        return .list(rows: rows, total: total)
    }
}
