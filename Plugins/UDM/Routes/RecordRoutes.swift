import PluginAPI

/// The API document's ten routes of one record kind, under `/ne/udm/sub/` or `/ne/udm/auth/`: read,
/// add, modify, remove, batch add, batch delete, list, export, import and resetData.
struct RecordRoutes: Sendable {
    let schema: RecordSchema
    let runtime: UDMRuntime

    /// The permission `udm:<resource>:<action>`.
    private func permission(_ action: String) -> Permission { .required("udm:\(schema.resource):\(action)") }

    func declare(_ plugin: inout PluginRegistrar) {
        let base = "/ne/udm/\(schema.resource)"
        let noun = schema.noun
        let secrets = schema.secretNames
        let neID = RecordSchema.neIDParameter, imsi = RecordSchema.imsiParameter, count = RecordSchema.countParameter
        let record = schema.recordShape
        plugin.route(.get, base + "/list", permission: permission("query"), summary: "List \(noun), filtered and paged",
                     query: schema.listQuery, answer: .rows(record), handler: list)
        plugin.route(.get, base + "/{neId}/{imsi}", permission: permission("query"), summary: "One \(noun) record",
                     parameters: [neID, imsi], answer: .data(record), handler: show)
        plugin.route(.post, base + "/{neId}", permission: permission("add"), summary: "Add \(noun)",
                     secretFields: secrets, parameters: [neID], body: .json(schema.bodyShape(requireAll: true)),
                     answer: .data(.integer(description: "1")), handler: add)
        plugin.route(.put, base + "/{neId}", permission: permission("edit"), summary: "Modify \(noun)",
                     secretFields: secrets, parameters: [neID], body: .json(schema.bodyShape(requireAll: false)),
                     answer: .data(.integer(description: "1")), handler: modify)
        plugin.route(.delete, base + "/{neId}/{imsi}", permission: permission("remove"), summary: "Remove \(noun)",
                     parameters: [neID, imsi], answer: .data(.integer(description: "1")), handler: remove)
        plugin.route(.post, base + "/{neId}/{num}", permission: permission("add"), summary: "Batch add \(noun)",
                     secretFields: secrets, parameters: [neID, count], body: .json(schema.bodyShape(requireAll: true)),
                     answer: .data(.anyValue), handler: batchAdd)
        plugin.route(.delete, base + "/{neId}/{imsi}/{num}", permission: permission("remove"), summary: "Batch delete \(noun)",
                     parameters: [neID, imsi, count], answer: .data(.integer(description: "Records removed")), handler: batchDelete)
        plugin.route(.put, base + "/resetData/{neId}", permission: permission("reset"), summary: "Reload \(noun) from the NE",
                     parameters: [neID], answer: .data(.anyValue), handler: resetData)
        plugin.route(.get, base + "/batch/list", permission: permission("query"), summary: "Running \(noun) batches and their progress",
                     answer: .rows(.object([:], name: "BatchProgress")), handler: batches)
        RecordTransfer(schema: schema, runtime: runtime).declare(&plugin)
    }

    private func service(_ request: OMCRequest, _ context: PluginContext) -> RecordService {
        RecordService(schema: schema, runtime: runtime, context: context, by: ChangeJournal.Operator(request))
    }

    /// Whether the caller sees secrets in clear.
    private func reveal(_ request: OMCRequest) async throws -> Bool {
        schema.secretPositions.isEmpty ? false : try await request.permissions.holds(UDMPlugin.secretPermission)
    }

    @Sendable func list(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let query = try RecordQuery(schema: schema, query: request.query)
        let store = try runtime.store(schema)
        let reveal = try await reveal(request)
        let anchors = runtime.anchors
        let (rows, total) = try await context.database.read { db -> ([JSONValue], Int) in
            let rows = try anchors.page(query, columns: store.selectColumns, in: db).map { row in
                try store.record(row, reveal: reveal).json(id: Int64(row.int("id") ?? 0), neID: row.string("ne_id") ?? "",
                                                            schema: store.schema, reveal: reveal)
            }
            let total: Int
            if let (countSQL, countArguments) = query.countSQL {
                total = try db.first(countSQL, countArguments)?.int("total") ?? 0
            } else {
                total = try store.count(neID: query.neID, in: db)
            }
            return (rows, total)
        }
        return .list(rows: rows, total: total)
    }

    @Sendable func show(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try request.pathParameter("neId")
        let reveal = try await reveal(request)
        let found = try await service(request, context).find(neID: neID, imsi: try request.pathParameter("imsi"), reveal: reveal)
        return OMCResponse(headers: HeaderFields([("Content-Type", "application/json")]),
                           body: .bytes(found.record.successBytes(id: found.id, neID: neID, schema: schema, reveal: reveal)))
    }

    @Sendable func add(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try request.pathParameter("neId")
        let record = try schema.record(try await RecordBody.values(request, schema: schema))
        try await service(request, context).create(neID: neID, record)
        return .success(1)
    }

    @Sendable func modify(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try request.pathParameter("neId")
        _ = try await service(request, context).modify(neID: neID, try await RecordBody.values(request, schema: schema))
        return .success(1)
    }

    @Sendable func remove(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        try await service(request, context).remove(neID: try request.pathParameter("neId"), imsi: try request.pathParameter("imsi"))
        return .success(1)
    }

    /// A long operation (``LongOperations/respond(to:kind:title:total:id:work:)``): `Prefer: respond-async`
    /// answers 202 with the operation at once; otherwise the document's `{data: count}` when done.
    @Sendable func batchAdd(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try request.pathParameter("neId")
        let count = try Self.number(request.pathParameter("num"))
        let base = try schema.record(try await RecordBody.values(request, schema: schema))
        let records = service(request, context)
        try records.checkBatchAdd(base: base, count: count)
        let by = BatchJournal.Operator(request)
        return try await context.operations.respond(to: request, kind: "udm.\(schema.resource).batchAdd",
                                                    title: "Batch add \(count) \(schema.noun) records from IMSI \(base.imsi) on UDM/\(neID)",
                                                    total: count) { tracker in
            let added = try await records.batchAdd(neID: neID, base: base, count: count, by: by, tracker: tracker)
            return .number(Double(added))
        }
    }

    /// A long operation, like ``batchAdd(_:_:)``.
    @Sendable func batchDelete(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let count = try Self.number(request.pathParameter("num"))
        let neID = try request.pathParameter("neId")
        let imsi = try request.pathParameter("imsi")
        let records = service(request, context)
        try records.checkBatchDelete(imsi: imsi, count: count)
        let by = BatchJournal.Operator(request)
        return try await context.operations.respond(to: request, kind: "udm.\(schema.resource).batchDelete",
                                                    title: "Batch delete \(schema.noun) of \(count) IMSIs from \(imsi) on UDM/\(neID)",
                                                    total: count) { tracker in
            let removed = try await records.batchDelete(neID: neID, imsi: imsi, count: count, by: by, tracker: tracker)
            return .number(Double(removed))
        }
    }

    /// A long operation, like ``batchAdd(_:_:)``.
    @Sendable func resetData(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try request.pathParameter("neId")
        let records = service(request, context)
        return try await context.operations.respond(to: request, kind: "udm.\(schema.resource).resetData",
                                                    title: "Reload \(schema.noun) of UDM/\(neID) from the NE") { tracker in
            .number(Double(try await records.resetData(neID: neID, tracker: tracker)))
        }
    }

    @Sendable func batches(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let running = runtime.progress.running.filter { $0.resource == schema.resource }
        return .list(rows: running, total: running.count)
    }

    /// `num`: a positive integer.
    static func number(_ text: String) throws(OMCError) -> Int {
        guard text.utf8.count <= 9, let number = Int(text), number > 0 else { throw OMCError.invalid("num", "must be a positive integer") }
        return number
    }
}
