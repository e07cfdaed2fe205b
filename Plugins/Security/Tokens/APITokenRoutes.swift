import PluginAPI

/// `/system/user/token…`: API tokens. Every user with a session makes, lists and revokes their own;
/// a holder of `system:token:manage` (administrators) lists and revokes everyone's.
enum APITokenRoutes {
    /// The right to list and revoke every user's tokens.
    static let managePermission = "system:token:manage"

    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.post, "/system/user/token", permission: .authenticated,
                     summary: "Make an API token (the secret is shown once)",
                     bodyLimit: 16_384,
                     body: .json(.object([
                         "name": SecurityContract.text(64, "Letters, digits, '-', '_' or '.'"),
                         "expiresInDays": SecurityContract.integer(1...state.settings.apiTokenMaxDays, "Days the token works"),
                         "permissions": .array(of: .string(minLength: 1, maxLength: 200, pattern: "^!?([A-Za-z0-9_-]+|\\*)(:([A-Za-z0-9_-]+|\\*)){2}$",
                                                           description: "One of your own rights, module:resource:action ('*' for any part, '!' denies)",
                                                           rule: "must be a module:resource:action pattern (each part a name or '*', '!' in front denies)"),
                                           description: "Rights of the token, at most 100"),
                     ], required: ["name", "expiresInDays", "permissions"], name: "NewAPIToken")),
                     answer: .data(.anyValue)) { request, context in
            guard let caller = request.caller, let userID = Int64(caller.userID) else {
                throw OMCError(.unauthenticated, "authentication required")
            }
            guard caller.tokenName == nil else {
                throw OMCError(.forbidden, "an API token cannot make tokens: log in with a password to make one")
            }
            let body = try await BodyFields.read(request)
            let wanted = try APITokenRequest(body, maximumDays: state.settings.apiTokenMaxDays)
            let rights = try await state.rights(of: caller, context)
            guard !rights.mustChangePassword else {
                throw OMCError(.forbidden, "the password must be changed first: PUT /system/user/profile/updatePwd")
            }
            try GrantRule.requireCovered(wanted.permissions, by: rights, field: "permissions")
            let secret = APIToken.newSecret()
            let now = Milliseconds.of(context.clock.now())
            let expiresAt = now + Int64(wanted.days) * 86_400_000
            let id = try await context.database.write { db in
                try APIToken.insert(userID: userID, name: wanted.name, secretHash: APIToken.hash(secret), permissions: wanted.permissions,
                                    now: now, expiresAt: expiresAt, in: db)
            }
            struct Created: Encodable, Sendable {
                let tokenId: String
                let tokenName: String
                let token: String
                let permissions: [String]
                let expiresAt: Int64
            }
            return .success(Created(tokenId: String(id), tokenName: wanted.name, token: secret, permissions: wanted.permissions,
                                    expiresAt: expiresAt))
        }
        plugin.route(.get, "/system/user/token/list", permission: .authenticated,
                     summary: "List API tokens (the caller's, or everyone's with system:token:manage)",
                     answer: .rows(.anyValue)) { request, context in
            let (userID, manages) = try await who(request, state, context)
            let tokens = try await context.database.read { db in try APIToken.list(userID: manages ? nil : userID, in: db) }
            return .list(rows: tokens.map(\.view), total: tokens.count)
        }
        plugin.route(.delete, "/system/user/token/{tokenId}", permission: .authenticated,
                     summary: "Revoke an API token", answer: .message) { request, context in
            let (userID, manages) = try await who(request, state, context)
            let id = try request.pathID("tokenId")
            try await context.database.write { db in
                guard let token = try APIToken.find(tokenID: id, in: db), manages || token.userID == userID else {
                    throw OMCError.notFound("tokenId: you have no API token \(id)")
                }
                try APIToken.delete(tokenID: id, in: db)
            }
            state.tokenRevoked(id)
            return .success()
        }
    }

    /// The caller's account id, and whether they manage every user's tokens.
    private static func who(_ request: OMCRequest, _ state: SecurityState, _ context: PluginContext) async throws -> (Int64, Bool) {
        guard let caller = request.caller, let userID = Int64(caller.userID) else { throw OMCError(.unauthenticated, "authentication required") }
        let rights = try await state.rights(of: caller, context)
        return (userID, !rights.mustChangePassword && rights.permits(managePermission))
    }
}
