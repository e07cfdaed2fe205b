import PluginAPI

/// Security/Position: the document's 6 position routes under `/system/post`.
enum PositionRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/system/post/list", permission: "system:post:list", summary: "Positions, paged",
                     query: [.string("postCode"), .string("postName"), SecurityContract.statusFilter] + RouteParameter.paging(),
                     answer: .rows(.anyValue)) { request, context in
            let filter = try PositionStore.Filter(FilterFields(request.query))
            let page = try PageRequest(query: request.query)
            let (rows, total) = try await context.database.read { db in try PositionStore.page(filter, page, in: db) }
            return .list(rows: rows, total: total)
        }
        plugin.route(.post, "/system/post/export", permission: "system:post:export", audit: .export, summary: "Positions as .xlsx",
                     bodyLimit: 8192, body: SecurityContract.exportFilters(["postCode", "postName", "status"], name: "PositionFilter"), answer: .file(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { request, context in
            try await PositionExport.respond(request, context)
        }
        plugin.route(.get, "/system/post/{postId}", permission: "system:post:query", summary: "One position",
                     parameters: [SecurityContract.pathID("postId")], answer: .data(.anyValue)) { request, context in
            let id = try request.pathID("postId")
            return .success(try await context.database.read { db in try PositionStore.find(id, in: db) })
        }
        plugin.route(.post, "/system/post", permission: "system:post:add", summary: "Add a position", bodyLimit: 8192,
                     body: .json(.object(SecurityContract.position, required: ["postCode", "postName"], name: "NewPosition")),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let fields = try PositionStore.Fields(try await BodyFields.read(request))
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in try PositionStore.add(fields, by: admin, now: now, in: db) }
            return .success()
        }
        plugin.route(.put, "/system/post", permission: "system:post:edit", summary: "Change a position", bodyLimit: 8192,
                     body: .json(.object(SecurityContract.position.merging(["postId": SecurityContract.id()]) { $1 },
                                         required: ["postId", "postCode", "postName"], name: "PositionChange")),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("postId")
            let fields = try PositionStore.Fields(body)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in try PositionStore.modify(id, fields, by: admin, now: now, in: db) }
            return .success()
        }
        plugin.route(.delete, "/system/post/{postIds}", permission: "system:post:remove", summary: "Delete positions (all or none)",
                     parameters: [SecurityContract.pathIDs("postIds")], answer: .message) { request, context in
            let ids = try IDList.parse(try request.pathParameter("postIds"), field: "postIds")
            try await context.database.write { db in try PositionStore.delete(ids, in: db) }
            return .success()
        }
    }
}
