import Foundation
import JWTKit
import PluginAPI

/// The host's authenticator: a request's bearer token must be signed with this OMC's key, not
/// expired by the OMC's clock, and name a session that still exists for an account that is still
/// usable. Logout, forced quit, password change, lock and deletion remove the session, so the
/// token dies at once even though its signature and expiry are still good.
struct SessionAuthenticator: Authenticator {
    let state: SecurityState

    func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller? {
        guard let token = credentials.token else { return nil }
        if token.hasPrefix(APIToken.secretPrefix) { return try await authenticate(apiToken: token, context) }
        let now = Milliseconds.of(context.clock.now())
        if let cached = state.cachedSession(token: token), cached.expiresAt > now { return cached.caller }
        let claims: SessionToken
        do {
            claims = try await state.signingKeys().verify(token, as: SessionToken.self)
        } catch {
            throw OMCError(.unauthenticated, "the token is not valid (malformed, or not signed by this OMC): log in again")
        }
        guard Milliseconds.of(claims.expiration.value) > now else {
            throw OMCError(.unauthenticated, "the session has expired: log in again")
        }
        let sessionID = claims.loginKey
        let found = try await context.database.read { db -> (SessionStore.Session, UserAccount)? in
            guard let row = try db.first("SELECT * FROM security_session WHERE session_id = ?", [.text(sessionID)]) else { return nil }
            let session = SessionStore.session(row)
            guard let account = try UserStore.find(userID: session.userID, in: db) else { return nil }
            return (session, account)
        }
        guard let (session, account) = found, String(session.userID) == claims.userID, session.expiresAt > now else {
            throw OMCError(.unauthenticated, "the session has ended (logged out, ended by an administrator, or the password changed): log in again")
        }
        guard account.isUsable else {
            _ = try await context.database.write { db in try SessionStore.revokeAll(userID: account.userID, in: db) }
            state.userChanged(account.userID)
            throw OMCError(.unauthenticated, "the account is disabled or locked: its sessions have ended")
        }
        let roleKeys = try await context.database.read { db in
            try RoleStore.roles(ofUser: account.userID, in: db).filter { $0.status == "1" }.map(\.roleKey)
        }
        let caller = Caller(userID: claims.userID, userName: account.userName,
                            departmentName: session.departmentName.isEmpty ? nil : session.departmentName,
                            roles: roleKeys, sessionID: sessionID)
        let expiresAt = min(session.expiresAt, Milliseconds.of(claims.expiration.value))
        state.remember(SecurityState.CachedSession(caller: caller, expiresAt: expiresAt, checkedAt: .now), token: token)
        return caller
    }
}
