import PluginAPI

/// The API document's `ueInfo` routes of the PCF: read, add, modify, delete, and the batch add,
/// modify and delete of `number` consecutive UEs.
struct UEInfoRoutes: Sendable {
    let settings: PCFSettings
    let changes: ChangeJournal

    static let base = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"

    func declare(_ plugin: inout PluginRegistrar) {
        let base = Self.base
        let neID = RouteParameter.string("neId", required: true, maxLength: 32, description: "The PCF's NE id")
        let imsi = RouteParameter.string("imsi", maxLength: 32, description: "The UE's IMSI")
        let number = RouteParameter.string("number", description: "How many consecutive UEs: a positive integer of at most 7 digits")
        let full = Self.policyShape(required: ["imsi", "msisdn"], name: "UEPolicy")
        let change = Self.policyShape(required: [], name: "UEPolicyChange")
        let policyList = RouteAnswer.json(.object(["code": .integer(), "msg": .string(), "data": .array(of: full), "total": .integer()],
                                                  required: ["code", "msg", "data", "total"], name: "UEPolicyList"))
        plugin.route(.get, base, permission: "pcf:ueInfo:query", summary: "PCF UE policies by IMSI or MSISDN, or a page of them",
                     query: [neID, imsi, .string("msisdn", maxLength: 32)] + RouteParameter.paging(), answer: policyList, handler: query)
        plugin.route(.post, base, permission: "pcf:ueInfo:add", summary: "Add a PCF UE policy",
                     query: [neID], body: .json(full), answer: .message, handler: add)
        plugin.route(.put, base, permission: "pcf:ueInfo:edit", summary: "Modify a PCF UE policy",
                     query: [neID, imsi], body: .json(change), answer: .message, handler: modify)
        plugin.route(.delete, base, permission: "pcf:ueInfo:remove", summary: "Delete a PCF UE policy",
                     query: [neID, RouteParameter.string("imsi", required: true, maxLength: 32)], answer: .message, handler: remove)
        plugin.route(.post, base + "/{number}", permission: "pcf:ueInfo:add", summary: "Batch add PCF UE policies",
                     parameters: [number], query: [neID], body: .json(full), answer: .data(.object(["added": .integer()])), handler: batchAdd)
        plugin.route(.put, base + "/{number}", permission: "pcf:ueInfo:edit", summary: "Batch modify PCF UE policies",
                     parameters: [number], query: [neID], body: .json(change), answer: .data(.object(["modified": .integer()])),
                     handler: batchModify)
        plugin.route(.delete, base + "/{number}", permission: "pcf:ueInfo:remove", summary: "Batch delete PCF UE policies",
                     parameters: [number], query: [neID, imsi], answer: .data(.object(["deleted": .integer()])), handler: batchDelete)
    }

    /// A UE policy body: the fields are text (numbers are taken as text); their rules stay
    /// ``PolicyFieldRule``'s, checked by the handler with the words MML uses.
    static func policyShape(required: [String], name: String) -> ValueSchema {
        var properties: [String: ValueSchema] = [:]
        for field in UEPolicy.fieldNames { properties[field] = .string() }
        properties["rfsp"] = ValueSchema.anyValue.described("RAT/frequency selection priority: an integer, or its digits")
        return .object(properties, required: required, name: name, description: "UE policy fields",
                       othersRefused: "is not a UE policy field; the fields are \(UEPolicy.fieldNames.joined(separator: ", "))")
    }

    private func service(_ request: OMCRequest, _ context: PluginContext) -> UEPolicyService {
        UEPolicyService(settings: settings, changes: changes, context: context, by: ChangeJournal.Operator(request))
    }

    /// `{code, msg, data, total}`: the document's `{"data": [...]}` with the OMC's envelope around it;
    /// policies are encoded as themselves (their stored property names are the document's fields).
    struct PolicyList: Encodable, Sendable {
        let code: Int
        let msg: String
        let data: [UEPolicy]
        let total: Int
    }

    @Sendable func query(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        let imsi = request.query["imsi"].flatMap { $0.isEmpty ? nil : $0 }
        let msisdn = request.query["msisdn"].flatMap { $0.isEmpty ? nil : $0 }
        if imsi != nil || msisdn != nil {
            let found = try await service(request, context).find(neID: neID, imsi: imsi, msisdn: msisdn)
            let rows = found.map { [$0] } ?? []
            return .json(PolicyList(code: 200, msg: "Success", data: rows, total: rows.count))
        }
        let page = try PageRequest(query: request.query)
        let (policies, total) = try await context.database.read { db in
            try UEPolicyStore.page(neID: neID, offset: page.offset, limit: page.pageSize, in: db)
        }
        return .json(PolicyList(code: 200, msg: "Success", data: policies, total: total))
    }

    @Sendable func add(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        let policy = try UEPolicy(try await Self.values(request))
        try await service(request, context).add(neID: neID, policy)
        return .success()
    }

    @Sendable func modify(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        var values = try await Self.values(request)
        if values["imsi"] == nil, let imsi = request.query["imsi"], !imsi.isEmpty { values["imsi"] = imsi }
        _ = try await service(request, context).modify(neID: neID, values)
        return .success()
    }

    @Sendable func remove(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        guard let imsi = request.query["imsi"], !imsi.isEmpty else { throw OMCError.invalid("imsi", "is required") }
        guard try await service(request, context).remove(neID: neID, imsi: imsi) else { return Self.dataNotFound }
        return .success()
    }

    /// Batch routes are long operations (``LongOperations/respond(to:kind:title:total:id:work:)``):
    /// `Prefer: respond-async` answers 202 with the operation; otherwise the document's answer.
    @Sendable func batchAdd(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        let count = try Self.number(request)
        let base = try UEPolicy(try await Self.values(request))
        let policies = service(request, context)
        return try await context.operations.respond(to: request, kind: "pcf.ueInfo.batchAdd",
                                                    title: "Batch add \(count) UE policies from IMSI \(base.imsi) on PCF/\(neID)", total: count) { tracker in
            let changed = try await policies.reporting(to: tracker).batchAdd(neID: neID, base: base, count: count)
            return ["added": .number(Double(changed))]
        }
    }

    @Sendable func batchModify(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        let count = try Self.number(request)
        let values = try await Self.values(request)
        let policies = service(request, context)
        return try await context.operations.respond(to: request, kind: "pcf.ueInfo.batchModify",
                                                    title: "Batch modify \(count) UE policies on PCF/\(neID)", total: count) { tracker in
            let changed = try await policies.reporting(to: tracker).batchModify(neID: neID, given: values, count: count)
            return ["modified": .number(Double(changed))]
        }
    }

    @Sendable func batchDelete(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try Self.neID(request)
        let count = try Self.number(request)
        var imsi = request.query["imsi"].flatMap { $0.isEmpty ? nil : $0 }
        if imsi == nil, request.headers["Content-Type"]?.contains("json") == true {
            imsi = try await Self.values(request)["imsi"]
        }
        guard let imsi else { throw OMCError.invalid("imsi", "is required (query or body): the first IMSI to delete") }
        let policies = service(request, context)
        return try await context.operations.respond(to: request, kind: "pcf.ueInfo.batchDelete",
                                                    title: "Batch delete \(count) UE policies from IMSI \(imsi) on PCF/\(neID)", total: count) { tracker in
            let changed = try await policies.reporting(to: tracker).batchDelete(neID: neID, imsi: imsi, count: count)
            return ["deleted": .number(Double(changed))]
        }
    }

    /// The document's answer for an absent record: HTTP 404 `{"cause": "DATA_NOT_FOUND", "status": 404}`.
    static let dataNotFound = OMCResponse.json(["cause": "DATA_NOT_FOUND", "status": 404] as JSONValue, status: 404)

    static func neID(_ request: OMCRequest) throws(OMCError) -> String {
        try neID(request.query["neId"])
    }

    /// A given `neId`: present, at most 32 characters.
    static func neID(_ value: String?) throws(OMCError) -> String {
        guard let neID = value, !neID.isEmpty else { throw OMCError.invalid("neId", "is required") }
        guard neID.utf8.count <= 32 else { throw OMCError.invalid("neId", "must be at most 32 characters") }
        return neID
    }

    /// `{number}`: how many consecutive UEs a batch route changes.
    static func number(_ request: OMCRequest) throws(OMCError) -> Int {
        let text = try request.pathParameter("number")
        guard text.utf8.count <= 7, let number = Int(text), number > 0 else {
            throw OMCError.invalid("number", "must be a positive integer (how many consecutive UEs), got '\(text.prefix(20))'")
        }
        return number
    }

    static func values(_ request: OMCRequest) async throws -> [String: String] {
        try UEPolicy.values(of: try await request.decode(JSONValue.self))
    }
}
