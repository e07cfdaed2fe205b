import PluginAPI

extension SessionAuthenticator {
    /// A bearer token that starts with `omc_` is an API token: it must be in the table (not revoked),
    /// not expired, and its owner's account still usable. The caller acts as the owner, under the
    /// session id `apitoken:<id>` and with the token's name, which the operation log records.
    func authenticate(apiToken secret: String, _ context: PluginContext) async throws -> Caller {
        let secretHash = APIToken.hash(secret)
        // Cached by the hash, so the secret itself is not kept in memory.
        let cacheKey = "apitoken-sha256:" + secretHash
        let now = Milliseconds.of(context.clock.now())
        if let cached = state.cachedSession(token: cacheKey), cached.expiresAt > now { return cached.caller }
        let found = try await context.database.read { db -> (APIToken, UserAccount)? in
            guard let token = try APIToken.find(secretHash: secretHash, in: db),
                  let account = try UserStore.find(userID: token.userID, in: db) else { return nil }
            return (token, account)
        }
        guard let (token, account) = found else {
            throw OMCError(.unauthenticated, "the API token is not valid (unknown or revoked): make a new one")
        }
        guard token.expiresAt > now else {
            throw OMCError(.unauthenticated, "the API token '\(token.name)' expired: make a new one")
        }
        guard account.isUsable else {
            throw OMCError(.unauthenticated, "the API token's account is disabled or locked")
        }
        try await context.database.write { db in try APIToken.touch(tokenID: token.tokenID, now: now, in: db) }
        let roleKeys = try await context.database.read { db in
            try RoleStore.roles(ofUser: account.userID, in: db).filter { $0.status == "1" }.map(\.roleKey)
        }
        let department = try await context.database.read { db in
            try db.first("SELECT d.dept_name FROM security_dept d JOIN security_user u ON u.dept_id = d.dept_id WHERE u.user_id = ?",
                         [.integer(account.userID)])?.string("dept_name")
        }
        let caller = Caller(userID: String(account.userID), userName: account.userName, departmentName: department, roles: roleKeys,
                            sessionID: APIToken.sessionID(token.tokenID), tokenName: token.name)
        state.tokenScopes.remember(token.patterns, for: token.tokenID)
        state.remember(SecurityState.CachedSession(caller: caller, expiresAt: token.expiresAt, checkedAt: .now), token: cacheKey)
        return caller
    }
}
