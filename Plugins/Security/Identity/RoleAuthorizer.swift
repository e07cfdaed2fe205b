import PluginAPI

/// The host's authorizer: a caller holds a permission when one of their enabled roles grants it
/// (``PermissionPattern``). A caller who must change their password holds nothing until they do;
/// the password change and their own profile are `.authenticated` routes and stay reachable.
struct RoleAuthorizer: Authorizer {
    let state: SecurityState

    func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool {
        let rights = try await state.rights(of: caller, context)
        if rights.mustChangePassword {
            throw OMCError(.forbidden, "the password must be changed first: PUT /system/user/profile/updatePwd")
        }
        return rights.permits(permission)
    }
}

extension SecurityState {
    /// The caller's rights, cached for a few seconds.
    func rights(of caller: Caller, _ context: PluginContext) async throws -> UserRights {
        if let tokenID = APIToken.id(of: caller) { return try await rights(of: caller, token: tokenID, context) }
        if let cached = cachedRights(caller.userID) { return cached }
        guard let userID = Int64(caller.userID) else { return UserRights(roles: [], mustChangePassword: false) }
        let loaded = try await context.database.read { db in try RoleStore.rights(userID: userID, in: db) }
        remember(loaded, for: caller.userID)
        return loaded
    }
}
