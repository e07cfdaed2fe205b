import PluginAPI

extension SecurityState {
    /// A token caller's rights: the owner's current rights (cached and forgotten like any user's)
    /// narrowed to the token's patterns, at every use.
    func rights(of caller: Caller, token tokenID: Int64, _ context: PluginContext) async throws -> UserRights {
        let owner = Caller(userID: caller.userID, userName: caller.userName)
        let ownerRights = try await rights(of: owner, context)
        if let scope = tokenScopes.scope(tokenID) { return ownerRights.limited(to: scope) }
        guard let token = try await context.database.read({ db in try APIToken.find(tokenID: tokenID, in: db) }) else {
            throw OMCError(.unauthenticated, "the API token was revoked")
        }
        tokenScopes.remember(token.patterns, for: tokenID)
        return ownerRights.limited(to: token.patterns)
    }

    /// A token was revoked: forget its session and scope at once.
    func tokenRevoked(_ tokenID: Int64) {
        sessionEnded(APIToken.sessionID(tokenID))
        tokenScopes.forget(tokenID)
    }
}
