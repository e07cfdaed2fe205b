import PluginAPI

/// Registering, changing, removing and reading NEs:
/// `POST/PUT/DELETE /api/rest/systemManagement/v1/elementType/{neType}/objectType/neInfo?ne_id=`,
/// `GET /ne/info?neType=&neId=` and the paged `GET /ne/list`.
enum NEInfoRoutes {
    static let neInfoPath = "/api/rest/systemManagement/v1/elementType/{neType}/objectType/neInfo"

    static func declare(_ plugin: inout PluginRegistrar) {
        let neType = RouteParameter.string("neType", maxLength: 32, description: "NE type (UDM, PCF, …)")
        let neID = RouteParameter.string("ne_id", required: true, maxLength: 32, description: "The NE's id")
        plugin.route(.post, neInfoPath, permission: "ne:info:add", summary: "Register an NE", parameters: [neType],
                     query: [.string("ne_id", maxLength: 32, description: "The NE's id; must equal the body's neId when given")],
                     body: .json(NEInfoContract.registration), answer: .data(NEInfoContract.info), handler: add)
        plugin.route(.put, neInfoPath, permission: "ne:info:edit", summary: "Change an NE's registration", parameters: [neType],
                     query: [neID], body: .json(NEInfoContract.change), answer: .data(NEInfoContract.info), handler: update)
        plugin.route(.delete, neInfoPath, permission: "ne:info:remove", summary: "Remove an NE", parameters: [neType],
                     query: [neID], answer: .message, handler: remove)
        plugin.route(.post, neInfoPath + "/pushCredential", permission: "ne:push-credential:rotate",
                     summary: "Issue a new push credential to an NE; the one it held stops working", parameters: [neType],
                     query: [neID], answer: .data(NEInfoContract.issuedCredential), handler: rotateCredential)
        plugin.route(.get, "/ne/info", permission: "ne:info:query", summary: "One NE by type and id",
                     query: [.string("neType", required: true, maxLength: 32, description: "NE type"),
                             .string("neId", required: true, maxLength: 32, description: "NE id")],
                     answer: .data(NEInfoContract.info), handler: show)
        plugin.route(.get, "/ne/list", permission: "ne:info:query", summary: "Registered NEs, paged",
                     query: [.string("neType", maxLength: 32, description: "Only NEs of this type"),
                             .string("state", oneOf: ["online", "offline", "unknown"], description: "Only NEs in this state"),
                             .string("neName", maxLength: 64, description: "Only NEs whose name contains this text")]
                         + RouteParameter.paging(sortable: ["neType", "neId", "neName", "state"]),
                     answer: .rows(NEInfoContract.info), handler: list)
    }

    static func add(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let body = try await request.decode(NEInfoBody.self)
        let pathType = try request.pathParameter("neType").uppercased()
        let type = body.neType.uppercased()
        guard type == pathType else { throw OMCError.invalid("neType", "is \(body.neType) but the path names \(pathType)") }
        try NEInfoRules.checkID(body.neId)
        if let queryID = request.query["ne_id"], queryID != body.neId {
            throw OMCError.invalid("ne_id", "is \(queryID) but the body's neId is \(body.neId)")
        }
        try NEInfoRules.checkType(type, host: context.host)
        try NEInfoRules.checkText(body.neName, field: "neName", max: 64, required: true)
        try NEInfoRules.checkAddress(body.ip)
        try NEInfoRules.checkPort(body.port.value)
        try NEInfoRules.checkPVFlag(body.pvFlag)
        try NEInfoRules.checkText(body.province, field: "province", max: 32, required: false)
        try NEInfoRules.checkText(body.vendorName, field: "vendorName", max: 64, required: false)
        try NEInfoRules.checkText(body.dn, field: "dn", max: 128, required: false)
        let now = DocumentTime.format(context.clock.now())
        let row = try await context.database.write { db -> DatabaseRow? in
            if try NERegistry.find(type: type, id: body.neId, in: db) != nil {
                throw OMCError(.conflict, "NE \(type)/\(body.neId) is already registered")
            }
            try db.execute("""
                INSERT INTO ne_info (ne_type, ne_id, ne_name, ip, port, pv_flag, province, vendor_name, dn, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(type), .text(body.neId), .text(body.neName), .text(body.ip), .int(body.port.value),
                      .text(body.pvFlag.uppercased()), .text(body.province), .text(body.vendorName), .text(body.dn), .text(now), .text(now)])
            return try NERegistry.find(type: type, id: body.neId, in: db)
        }
        guard let row else { throw OMCError(.internal, "NE \(type)/\(body.neId) vanished after registration") }
        var info = NEInfo(row)
        do {
            info.pushCredential = try await context.pushCredentials.issue(for: NERegistry.element(row))
        } catch {
            // An NE without a credential could never push: take the registration back.
            _ = try? await context.database.write { db in
                try db.execute("DELETE FROM ne_info WHERE ne_type = ? AND ne_id = ?", [.text(type), .text(body.neId)])
            }
            throw error
        }
        return .success(info)
    }

    static func update(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        let id = try request.query.required("ne_id")
        let body = try await request.decode(NEInfoUpdate.self)
        try NEInfoRules.checkPVFlag(body.pvFlag)
        try NEInfoRules.checkText(body.province, field: "province", max: 32, required: false)
        try NEInfoRules.checkText(body.vendorName, field: "vendorName", max: 64, required: false)
        try NEInfoRules.checkText(body.dn, field: "dn", max: 128, required: false)
        if let name = body.neName { try NEInfoRules.checkText(name, field: "neName", max: 64, required: true) }
        if let ip = body.ip { try NEInfoRules.checkAddress(ip) }
        if let port = body.port { try NEInfoRules.checkPort(port.value) }
        let now = DocumentTime.format(context.clock.now())
        let row = try await context.database.write { db -> DatabaseRow? in
            guard let existing = try NERegistry.find(type: type, id: id, in: db) else {
                throw OMCError.notFound("NE \(type)/\(id) is not registered")
            }
            try db.execute("""
                UPDATE ne_info SET pv_flag = ?, province = ?, vendor_name = ?, dn = ?, ne_name = ?, ip = ?, port = ?, updated_at = ?
                WHERE ne_type = ? AND ne_id = ?
                """, [.text(body.pvFlag.uppercased()), .text(body.province), .text(body.vendorName), .text(body.dn),
                      .text(body.neName ?? existing.string("ne_name") ?? ""), .text(body.ip ?? existing.string("ip") ?? ""),
                      .int(body.port?.value ?? existing.int("port") ?? 0), .text(now), .text(type), .text(id)])
            return try NERegistry.find(type: type, id: id, in: db)
        }
        guard let row else { throw OMCError.notFound("NE \(type)/\(id) is not registered") }
        return .success(NEInfo(row))
    }

    static func remove(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        let id = try request.query.required("ne_id")
        let removed = try await context.database.write { db in
            try db.execute("DELETE FROM ne_info WHERE ne_type = ? AND ne_id = ?", [.text(type), .text(id)])
            return db.changedRowCount
        }
        guard removed == 1 else { throw OMCError.notFound("NE \(type)/\(id) is not registered") }
        try await context.pushCredentials.revoke(neType: type, neID: id)
        return .success()
    }

    static func rotateCredential(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        let id = try request.query.required("ne_id")
        let row = try await context.database.read { db in try NERegistry.find(type: type, id: id, in: db) }
        guard let row else { throw OMCError.notFound("NE \(type)/\(id) is not registered") }
        let credential = try await context.pushCredentials.issue(for: NERegistry.element(row))
        return .success(["neType": .string(type), "neId": .string(id), "pushCredential": .string(credential)] as JSONValue)
    }

    static func show(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.query.required("neType")
        let id = try request.query.required("neId")
        let row = try await context.database.read { db in try NERegistry.find(type: type, id: id, in: db) }
        guard let row else { throw OMCError.notFound("NE \(type.uppercased())/\(id) is not registered") }
        return .success(NEInfo(row))
    }

    static func list(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let page = try PageRequest(query: request.query, sortable: ["neType", "neId", "neName", "state"])
        var query = SQLListQuery(page: page)
        query.equals("ne_type", request.query["neType"].map { .text($0.uppercased()) })
        query.equals("state", request.query["state"].map(SQLValue.text))
        query.contains("ne_name", request.query["neName"])
        query.order(by: ["neType": "ne_type", "neId": "ne_id", "neName": "ne_name", "state": "state"], default: "ne_type", then: "ne_type, ne_id")
        let (rows, total) = try await context.database.read { [query] db in
            let found = try query.fetch(select: "SELECT \(NERegistry.columns) FROM ne_info", from: "ne_info", in: db)
            return (found.rows.map(NEInfo.init), found.total)
        }
        return .list(rows: rows, total: total)
    }
}
