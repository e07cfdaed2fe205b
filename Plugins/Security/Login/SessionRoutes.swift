import PluginAPI

/// `GET /getInfo` and `GET /getRouters`: who the caller is, what they may do, and their menu.
enum SessionRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/getInfo", permission: .authenticated, summary: "The caller's account, roles and permissions",
                     answer: .json(.object(["code": .integer(), "msg": .string(), "user": .anyValue, "roles": .array(of: .string()),
                                            "permissions": .array(of: .string())], required: ["code", "msg"], name: "CallerInfo"))) { request, context in
            let caller = try callerAccount(request)
            struct Info: Encodable, Sendable {
                let permissions: [String]
                let roles: [String]
                let user: UserView
                let mustChangePassword: Bool
            }
            guard let identity = request.caller else { throw OMCError(.unauthenticated, "authentication required") }
            let rights = try await state.rights(of: identity, context)
            guard let user = try await context.database.read({ db in try UserView.load(userID: caller, in: db) }) else {
                throw OMCError(.unauthenticated, "the account no longer exists")
            }
            return .success(Info(permissions: rights.grantedPatterns, roles: user.roles.filter { $0.status == "1" }.map(\.roleKey),
                                 user: user, mustChangePassword: rights.mustChangePassword))
        }
        plugin.route(.get, "/getRouters", permission: .authenticated, summary: "The caller's menu", answer: .data(.array(of: .anyValue))) { request, context in
            guard let caller = request.caller else { throw OMCError(.unauthenticated, "authentication required") }
            let rights = try await state.rights(of: caller, context)
            // A caller who must change their password sees no menu until they do.
            return .success(rights.mustChangePassword ? [] : Router.tree(context.host.menus, visibleTo: rights))
        }
    }

    /// The caller's user id; every `.authenticated` route has a caller.
    static func callerAccount(_ request: OMCRequest) throws(OMCError) -> Int64 {
        guard let caller = request.caller, let id = Int64(caller.userID) else { throw OMCError(.unauthenticated, "authentication required") }
        return id
    }
}
