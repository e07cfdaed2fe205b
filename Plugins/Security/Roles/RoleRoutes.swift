import PluginAPI

/// Security/Role: the document's 10 role routes under `/system/role`. Every change to a role or to
/// who holds it refreshes the rights cache at once.
enum RoleRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/system/role/list", permission: "system:role:list", summary: "Roles, paged",
                     query: [.string("roleName"), .string("roleKey"), SecurityContract.statusFilter] + SecurityContract.timeFilters
                         + RouteParameter.paging(),
                     answer: .rows(.anyValue)) { request, context in
            let filter = try RoleAdmin.Filter(FilterFields(request.query))
            let page = try PageRequest(query: request.query)
            let (rows, total) = try await context.database.read { db in try RoleAdmin.page(filter, page, in: db) }
            return .list(rows: rows, total: total)
        }
        plugin.route(.get, "/system/role/authUser/allocatedList", permission: "system:role:list",
                     summary: "Users who hold a role (allocated=true) or do not (allocated=false), paged",
                     query: [.string("roleId", required: true, description: "A positive integer id"),
                             .string("allocated", description: "true (default) or false"), .string("userName"), .string("phonenumber")]
                         + RouteParameter.paging(),
                     answer: .rows(.anyValue)) { request, context in
            let admin = try Administrator(request)
            var filter = try UserFilter(FilterFields(request.query))
            guard let roleText = request.query["roleId"] else { throw OMCError.invalid("roleId", "query parameter is required") }
            guard let roleID = Int64(roleText), roleID > 0 else { throw OMCError.invalid("roleId", "must be a positive integer id, not '\(roleText)'") }
            filter.roleID = roleID
            switch request.query["allocated"]?.lowercased() {
            case nil, "true", "1": filter.allocated = true
            case "false", "0": filter.allocated = false
            default: throw OMCError.invalid("allocated", "must be true or false")
            }
            let page = try PageRequest(query: request.query)
            let users = filter
            let (rows, total) = try await context.database.read { db in
                _ = try RoleAdmin.find(roleID, in: db)
                return try users.page(page, scope: try admin.scope(in: db), in: db)
            }
            return .list(rows: rows, total: total)
        }
        plugin.route(.post, "/system/role/export", permission: "system:role:export", audit: .export, summary: "Roles as .xlsx",
                     bodyLimit: 8192, body: SecurityContract.exportFilters(["roleName", "roleKey", "status", "beginTime", "endTime"], name: "RoleFilter"), answer: .file(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { request, context in
            try await RoleExport.respond(request, context)
        }
        plugin.route(.get, "/system/role/{roleId}", permission: "system:role:query", summary: "One role with its rights",
                     parameters: [SecurityContract.pathID("roleId")], answer: .data(.anyValue)) { request, context in
            let id = try request.pathID("roleId")
            return .success(try await context.database.read { db in try RoleAdmin.detail(id, in: db) })
        }
        plugin.route(.post, "/system/role", permission: "system:role:add", summary: "Add a role", bodyLimit: 65_536,
                     body: .json(.object(SecurityContract.role, required: ["roleName", "roleKey"], name: "NewRole")),
                     answer: .data(.object(["roleId": .string()]))) { request, context in
            let admin = try Administrator(request)
            let fields = try RoleFields(try await BodyFields.read(request), menus: context.host.menus)
            let patterns = fields.permissions ?? RoleFields.permissions(forMenus: fields.menuIDs ?? [], menus: context.host.menus)
            try GrantRule.requireCovered(patterns, by: try await callerRights(request, state, context),
                                         field: fields.permissions == nil ? "menuIds" : "permissions")
            let now = Milliseconds.of(context.clock.now())
            let id = try await context.database.write { db in try RoleAdmin.add(fields, patterns: patterns, by: admin, now: now, in: db) }
            state.rightsChanged()
            return .success(NewRole(roleId: String(id)))
        }
        plugin.route(.put, "/system/role", permission: "system:role:edit", summary: "Change a role", bodyLimit: 65_536,
                     body: .json(.object(SecurityContract.role.merging(["roleId": SecurityContract.id()]) { $1 },
                                         required: ["roleId", "roleName", "roleKey"], name: "RoleChange")),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("roleId")
            let fields = try RoleFields(body, menus: context.host.menus)
            let rights = try await callerRights(request, state, context)
            let menus = context.host.menus
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                var patterns = fields.permissions
                if patterns == nil, let ticked = fields.menuIDs, Set(ticked) != Set(try RoleAdmin.detail(id, in: db).menuIds ?? []) {
                    patterns = RoleFields.permissions(forMenus: ticked, menus: menus)
                }
                try RoleAdmin.modify(id, fields, patterns: patterns, by: admin, rights: rights, now: now, in: db)
            }
            state.rightsChanged()
            return .success()
        }
        plugin.route(.delete, "/system/role/{roleIds}", permission: "system:role:remove", summary: "Delete roles (all or none)",
                     parameters: [SecurityContract.pathIDs("roleIds")], answer: .message) { request, context in
            let ids = try IDList.parse(try request.pathParameter("roleIds"), field: "roleIds")
            let rights = try await callerRights(request, state, context)
            try await context.database.write { db in
                for id in ids { try GrantRule.requireChangeable(role: id, by: rights, in: db) }
                try RoleAdmin.delete(ids, in: db)
            }
            state.rightsChanged()
            return .success()
        }
        plugin.route(.put, "/system/role/changeStatus", permission: "system:role:edit", summary: "Enable or disable a role",
                     bodyLimit: 4096,
                     body: .json(.object(["roleId": SecurityContract.id(), "status": SecurityContract.choice(["0", "1"])], required: ["roleId", "status"])),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("roleId")
            guard let status = try body.choice("status", ["0", "1"]) else { throw OMCError.invalid("status", "is required") }
            let rights = try await callerRights(request, state, context)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try GrantRule.requireNotHeld(role: id, by: admin, changing: "status", in: db)
                try GrantRule.requireChangeable(role: id, by: rights, in: db)
                try RoleAdmin.setStatus(id, status, by: admin, now: now, in: db)
            }
            state.rightsChanged()
            return .success()
        }
        plugin.route(.put, "/system/role/dataScope", permission: "system:role:edit", summary: "Change a role's data scope",
                     bodyLimit: 65_536,
                     body: .json(.object(["roleId": SecurityContract.id(), "dataScope": SecurityContract.choice(RoleFields.dataScopes),
                                          "deptIds": SecurityContract.ids("Departments of a custom scope"),
                                          "menuIds": SecurityContract.ids("The document's name for deptIds"),
                                          "deptCheckStrictly": SecurityContract.flag("Whether ticking a department ticks its parents")],
                                         required: ["roleId", "dataScope"])),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("roleId")
            guard let scope = try body.choice("dataScope", RoleFields.dataScopes) else { throw OMCError.invalid("dataScope", "is required") }
            // The document's body names the custom departments `menuIds`; `deptIds` is accepted too.
            let departments = try body.ids("deptIds") ?? body.ids("menuIds") ?? []
            let strictly = try RoleFields.strictness(body, "deptCheckStrictly")
            let rights = try await callerRights(request, state, context)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try GrantRule.requireNotHeld(role: id, by: admin, changing: "data scope", in: db)
                try GrantRule.requireChangeable(role: id, by: rights, in: db)
                try RoleAdmin.setDataScope(id, scope: scope, departments: departments, strictly: strictly, by: admin, now: now, in: db)
            }
            return .success()
        }
        plugin.route(.put, "/system/role/authUser/checked", permission: "system:role:edit", audit: .grant,
                     summary: "Give a role to users (checked=true) or take it back (checked=false)", bodyLimit: 65_536,
                     body: .json(.object(["roleId": SecurityContract.id(), "userIds": SecurityContract.ids("Users"),
                                          "checked": SecurityContract.flag("Give (true) or take back (false)")],
                                         required: ["roleId", "userIds", "checked"])),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let roleID = try body.requiredID("roleId")
            guard let userIDs = try body.ids("userIds"), !userIDs.isEmpty else { throw OMCError.invalid("userIds", "is required") }
            guard let checked = try body.flag("checked") else { throw OMCError.invalid("checked", "is required") }
            try GrantRule.requireOthers(userIDs, by: admin, field: "userIds")
            let rights = try await callerRights(request, state, context)
            try await context.database.write { db in
                if checked { try GrantRule.requireGrantable(roles: [roleID], by: rights, in: db) }
                try RoleAdmin.assign(roleID, to: userIDs, checked: checked, scope: try admin.scope(in: db), rights: rights, in: db)
            }
            for userID in userIDs { state.userChanged(userID) }
            return .success()
        }
    }

    static func callerRights(_ request: OMCRequest, _ state: SecurityState, _ context: PluginContext) async throws -> UserRights {
        guard let caller = request.caller else { throw OMCError(.unauthenticated, "authentication required") }
        return try await state.rights(of: caller, context)
    }
}

/// The answer to `POST /system/role`: the new role's id, for assigning it (`roleIds`).
struct NewRole: Encodable, Sendable {
    let roleId: String
}
