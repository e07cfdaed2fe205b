import PluginAPI

/// Security/User: the document's user routes under `/system/user` (the file routes are in
/// ``UserFileRoutes``). Every change that must end sessions does so in its transaction, then
/// drops the user from the caches.
enum UserRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/system/user/list", permission: "system:user:list", summary: "Users in the caller's data scope, paged",
                     query: [.string("userName"), .string("phonenumber"), SecurityContract.statusFilter, .string("deptId")]
                         + SecurityContract.timeFilters + RouteParameter.paging(),
                     answer: .rows(.anyValue)) { request, context in
            let admin = try Administrator(request)
            let filter = try UserFilter(FilterFields(request.query))
            let page = try PageRequest(query: request.query)
            let (rows, total) = try await context.database.read { db in try filter.page(page, scope: try admin.scope(in: db), in: db) }
            return .list(rows: rows, total: total)
        }
        plugin.route(.get, "/system/user/{userId}", permission: "system:user:query",
                     summary: "One user with the roles and positions to choose from (userId 0: only those, for a new user)",
                     parameters: [.string("userId", description: "A user id, 0 for a new user")], answer: .data(.anyValue)) { request, context in
            let admin = try Administrator(request)
            let text = try request.pathParameter("userId")
            guard let id = Int64(text), id >= 0 else { throw OMCError.invalid("userId", "must be a user id (0 for a new user), not '\(text)'") }
            return .success(try await context.database.read { db in try UserDetail.load(id, scope: try admin.scope(in: db), in: db) })
        }
        plugin.route(.post, "/system/user", permission: "system:user:add", summary: "Add a user", bodyLimit: 16_384,
                     body: .json(.object(SecurityContract.user, required: ["userName", "password"], name: "NewUser")),
                     answer: .data(.object(["userId": .string()]))) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let fields = try UserFields(body)
            let password = try requiredPassword(body, state: state, userName: fields.userName)
            let rights = try await RoleRoutes.callerRights(request, state, context)
            let hash = try await state.hasher.hash(password)
            let now = Milliseconds.of(context.clock.now())
            let mustChange = state.settings.initialPasswordChange
            let id = try await context.database.write { db in
                try UserAdmin.add(fields, passwordHash: hash, mustChangePassword: mustChange, by: admin, scope: try admin.scope(in: db),
                                  rights: rights, now: now, in: db)
            }
            return .success(NewUser(userId: String(id)))
        }
        plugin.route(.put, "/system/user", permission: "system:user:edit", summary: "Change a user", bodyLimit: 16_384,
                     body: .json(.object(SecurityContract.user.merging(["userId": SecurityContract.id()]) { $1 },
                                         required: ["userId", "userName"], name: "UserChange")),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("userId")
            let fields = try UserFields(body)
            let rights = try await RoleRoutes.callerRights(request, state, context)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try UserAdmin.modify(id, fields, by: admin, scope: try admin.scope(in: db), rights: rights, now: now, in: db)
            }
            state.userChanged(id)
            return .success()
        }
        plugin.route(.delete, "/system/user/{userIds}", permission: "system:user:remove", summary: "Delete users (all or none)",
                     parameters: [SecurityContract.pathIDs("userIds")], answer: .message) { request, context in
            let admin = try Administrator(request)
            let ids = try IDList.parse(try request.pathParameter("userIds"), field: "userIds")
            let rights = try await RoleRoutes.callerRights(request, state, context)
            try await context.database.write { db in
                try UserAdmin.delete(ids, by: admin, scope: try admin.scope(in: db), rights: rights, in: db)
            }
            for id in ids { state.userChanged(id) }
            return .success()
        }
        plugin.route(.put, "/system/user/resetPwd", permission: "system:user:resetPwd",
                     summary: "Give a user a new password, to be changed at their next login", bodyLimit: 4096,
                     body: .json(.object(["userId": SecurityContract.id(), "password": .string()], required: ["userId", "password"])),
                     answer: .message) { request, context in
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("userId")
            let admin = try Administrator(request)
            let rights = try await RoleRoutes.callerRights(request, state, context)
            let account = try await context.database.read { db in try UserAdmin.target(id, scope: try admin.scope(in: db), rights: rights, in: db) }
            let password = try requiredPassword(body, state: state, userName: account.userName)
            let hash = try await state.hasher.hash(password)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try UserAdmin.setPassword(id, hash: hash, mustChange: id != admin.userID, scope: try admin.scope(in: db), rights: rights,
                                          now: now, in: db)
            }
            state.userChanged(id)
            return .success()
        }
        plugin.route(.put, "/system/user/changeStatus", permission: "system:user:edit", summary: "Enable or disable a user",
                     bodyLimit: 4096,
                     body: .json(.object(["userId": SecurityContract.id(), "status": SecurityContract.choice(["0", "1"])], required: ["userId", "status"])),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("userId")
            guard let status = try body.choice("status", ["0", "1"]) else { throw OMCError.invalid("status", "is required") }
            let rights = try await RoleRoutes.callerRights(request, state, context)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try UserAdmin.setStatus(id, status, by: admin, scope: try admin.scope(in: db), rights: rights, now: now, in: db)
            }
            state.userChanged(id)
            return .success()
        }
    }

    /// The body's `password`, which must follow the configured policy.
    static func requiredPassword(_ body: BodyFields, state: SecurityState, userName: String) throws(OMCError) -> String {
        guard case .string(let password)? = body.members["password"], !password.isEmpty else { throw OMCError.invalid("password", "is required") }
        if let problem = state.settings.passwordPolicy.problem(password, userName: userName) { throw OMCError.invalid("password", problem) }
        return password
    }
}

/// The answer to `POST /system/user`: the new account's id, for the next call (roles, reset, delete).
struct NewUser: Encodable, Sendable {
    let userId: String
}
