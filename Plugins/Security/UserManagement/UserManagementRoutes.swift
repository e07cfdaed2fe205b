import PluginAPI

/// The user-management API of `oms1350-user-management-api.txt` under `/oms1350/data/plat/usermgt/`:
/// `createuser`, `deleteuser/{id}`, `users`, `updateuser`. Callers log in with `POST /login` and send
/// the bearer token like on every other route; the routes need the same rights as the user screens
/// (`system:user:add`, `:remove`, `:list`, `:edit`) and keep the same rules (``UserAdmin``).
enum UserManagementRoutes {
    static let base = "/oms1350/data/plat/usermgt"

    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.post, base + "/createuser", permission: "system:user:add", summary: "Create a user with a profile",
                     bodyLimit: 16_384, body: .json(ValueSchema.anyValue.described("The OMS1350 user-management body (attrlist, profiles)"))) { request, context in
            try await NprResponse.answering { try await create(request, context, state: state) }
        }
        plugin.route(.delete, base + "/deleteuser/{id}", permission: "system:user:remove", summary: "Delete a user") { request, context in
            try await NprResponse.answering {
                let admin = try Administrator(request)
                let id = try request.pathID("id")
                let rights = try await RoleRoutes.callerRights(request, state, context)
                try await context.database.write { db in
                    try UserAdmin.delete([id], by: admin, scope: try admin.scope(in: db), rights: rights, in: db)
                }
                state.userChanged(id)
                return NprResponse.success(id: id, message: "delete User Passed")
            }
        }
        plugin.route(.get, base + "/users", permission: "system:user:list", summary: "Every user in the caller's data scope",
                     answer: .json(.anyValue)) { request, context in
            let admin = try Administrator(request)
            return .json(try await context.database.read { db in try users(scope: try admin.scope(in: db), in: db) })
        }
        plugin.route(.post, base + "/updateuser", permission: "system:user:edit", summary: "Change a user's profiles, password, reset or lock flags",
                     bodyLimit: 16_384, body: .json(ValueSchema.anyValue.described("The OMS1350 user-management body (attrlist, profiles)"))) { request, context in
            try await NprResponse.answering { try await update(request, context, state: state) }
        }
    }

    static func create(_ request: OMCRequest, _ context: PluginContext, state: SecurityState) async throws -> OMCResponse {
        let admin = try Administrator(request)
        let body = try await BodyFields.read(request)
        let name = try body.requiredText("name", maxLength: 30)
        try UserFields.checkUserName(name, field: "name")
        var attributes = ProfileAttributes()
        try attributes.read(body.members)
        guard let profiles = attributes.profiles else { throw OMCError.invalid("almapOsprofiles", "is required") }
        guard let password = attributes.password else { throw OMCError.invalid("userPassword", "is required") }
        let (mustChange, locked) = (attributes.reset ?? false, attributes.locked ?? false)
        let hash = try await hash(password, userName: name, state: state)
        let rights = try await RoleRoutes.callerRights(request, state, context)
        let now = Milliseconds.of(context.clock.now())
        let id = try await context.database.write { db in
            var fields = try UserFields(BodyFields(["userName": .string(name)]))
            fields.roleIDs = try ProfileAttributes.roleIDs(profiles, in: db)
            // A new account joins the caller's department.
            fields.departmentID = try UserStore.find(userID: admin.userID, in: db)?.departmentID
            return try UserAdmin.add(fields, passwordHash: hash, mustChangePassword: mustChange, locked: locked,
                                     by: admin, scope: try admin.scope(in: db), rights: rights, now: now, in: db)
        }
        return NprResponse.success(id: id, message: "create User Passed")
    }

    /// `{"name": "...", "attrlist": [{"almapOsprofiles": "Viewer"}, {"almapPwdLocked": "TRUE"}]}`; the
    /// attributes may also be given beside `name`.
    static func update(_ request: OMCRequest, _ context: PluginContext, state: SecurityState) async throws -> OMCResponse {
        let admin = try Administrator(request)
        let body = try await BodyFields.read(request)
        let name = try body.requiredText("name", maxLength: 30)
        var attributes = ProfileAttributes()
        try attributes.read(body.members)
        switch body.members["attrlist"] {
        case nil, .null?: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard case .object(let members) = item else { throw OMCError.invalid("attrlist[\(index)]", "must be an object of attributes") }
                try attributes.read(members)
            }
        default: throw OMCError.invalid("attrlist", "must be an array of attribute objects")
        }
        guard attributes.profiles != nil || attributes.password != nil || attributes.reset != nil || attributes.locked != nil else {
            throw OMCError.invalid("attrlist", "names no attribute to change (almapOsprofiles, userPassword, almapPwdReset, almapPwdLocked)")
        }
        var hash: String?
        if let password = attributes.password { hash = try await self.hash(password, userName: name, state: state) }
        let (newHash, given) = (hash, attributes)
        let rights = try await RoleRoutes.callerRights(request, state, context)
        let now = Milliseconds.of(context.clock.now())
        let id = try await context.database.write { db in
            guard let account = try UserStore.find(userName: name, in: db), !account.deleted else { throw OMCError.notFound("no user named '\(name)'") }
            let scope = try admin.scope(in: db)
            _ = try UserAdmin.target(account.userID, scope: scope, rights: rights, in: db)
            if let profiles = given.profiles {
                guard !UserAdmin.isBuiltInAdministrator(account) else {
                    throw OMCError.invalid("almapOsprofiles", "the profiles of the built-in account 'admin' cannot be changed")
                }
                let roles = try ProfileAttributes.roleIDs(profiles, in: db)
                if account.userID == admin.userID, Set(roles) != Set(try UserStore.roleIDs(ofUser: account.userID, in: db)) {
                    throw OMCError(.forbidden, "almapOsprofiles: you cannot change your own profiles; ask another administrator")
                }
                try GrantRule.requireGrantable(roles: roles, by: rights, in: db)
                try UserAdmin.setRoles(account.userID, roles, in: db)
            }
            if let hash = newHash {
                try UserAdmin.setPassword(account.userID, hash: hash, mustChange: given.reset ?? false, scope: scope, rights: rights, now: now, in: db)
            } else if let reset = given.reset {
                try db.execute("UPDATE security_user SET must_change_password = ?, update_by = ?, update_time = ? WHERE user_id = ?",
                               [.bool(reset), .text(admin.userName), .integer(now), .integer(account.userID)])
            }
            if let locked = given.locked {
                try UserAdmin.setLocked(account.userID, locked, by: admin, scope: scope, rights: rights, now: now, in: db)
            }
            return account.userID
        }
        state.userChanged(id)
        return NprResponse.success(id: id, message: "update User Passed")
    }

    static func users(scope: DataScope, in db: any DatabaseConnection) throws -> [JSONValue] {
        var profiles: [Int64: [String]] = [:]
        for link in try db.query("""
            SELECT ur.user_id, coalesce(r.profile, r.role_key) AS profile FROM security_user_role ur
            JOIN security_role r ON r.role_id = ur.role_id ORDER BY r.role_sort, r.role_id
            """, []) {
            if let user = link.int("user_id"), let profile = link.string("profile") { profiles[Int64(user), default: []].append(profile) }
        }
        var answer: [JSONValue] = []
        try UserFilter().forEach(scope: scope, in: db) { row in
            answer.append(DefinedUser.json(row, profiles: profiles[Int64(row.int("user_id") ?? 0)] ?? [], listID: answer.count + 1))
        }
        return answer
    }

    private static func hash(_ password: ProfileAttributes.Password, userName: String, state: SecurityState) async throws -> String {
        switch password {
        case .hash(let hash):
            return hash
        case .clear(let text):
            if let problem = state.settings.passwordPolicy.problem(text, userName: userName) { throw OMCError.invalid("userPassword", problem) }
            return try await state.hasher.hash(text)
        }
    }
}
