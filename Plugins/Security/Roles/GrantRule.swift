import PluginAPI

/// Nobody hands out more than they hold, and nobody changes the rights that apply to themselves.
///
/// 1. A caller may write into a role, or give a user a role, only when everything the role gives
///    (its grants less its own denials) is something the caller may do: decided pattern against
///    pattern by ``PermissionCoverage``, so `udm:auth:*` is refused to a caller denied
///    `udm:auth:secret` unless the role itself denies `udm:auth:secret` too.
/// 2. Nobody changes a role they hold (its permissions, denials, menus, key, status or data scope)
///    nor their own roles or department: otherwise anyone allowed to edit roles or users could drop
///    their own denials or widen their own scope. Another administrator makes such changes.
///
/// This holds for administrators too: one whose rights cover everything still manages every other
/// role and user, but cannot lock themselves out by editing their own roles.
enum GrantRule {
    /// Refuses when the role made of `patterns` would give something `rights` do not.
    static func requireCovered(_ patterns: [String], by rights: UserRights, field: String) throws(OMCError) {
        let role = patterns.compactMap(PermissionPattern.init)
        guard let uncovered = PermissionCoverage.firstUncovered(role, by: rights) else { return }
        let index = patterns.firstIndex(of: uncovered.grant.text).map { field == "permissions" ? "[\($0)]" : "" } ?? ""
        throw OMCError(.forbidden, "\(field)\(index): you cannot grant '\(uncovered.grant.text)': it covers '\(uncovered)', \(reason(uncovered))")
    }

    /// Refuses when one of the roles `roleIDs` gives something `rights` do not.
    static func requireGrantable(roles roleIDs: [Int64], by rights: UserRights, in db: any DatabaseConnection) throws {
        guard !roleIDs.isEmpty else { return }
        for (name, patterns) in try rolePatterns(roleIDs, in: db) {
            if let uncovered = PermissionCoverage.firstUncovered(patterns, by: rights) {
                throw OMCError(.forbidden, "roleIds: you cannot give the role '\(name)': it gives '\(uncovered)' (by '\(uncovered.grant.text)'), \(reason(uncovered))")
            }
        }
    }

    /// Refuses a change to the role `roleID` (its rights, scope, status, holders or existence) when it
    /// gives something `rights` do not.
    static func requireChangeable(role roleID: Int64, by rights: UserRights, in db: any DatabaseConnection) throws {
        for (name, patterns) in try rolePatterns([roleID], in: db) where PermissionCoverage.firstUncovered(patterns, by: rights) != nil {
            throw OMCError(.forbidden, "you cannot change the role '\(name)': it grants rights your own roles do not give you")
        }
    }

    /// Refuses when `caller` holds the role `roleID`; `what` names the change refused.
    static func requireNotHeld(role roleID: Int64, by caller: Administrator, changing what: String, in db: any DatabaseConnection) throws {
        guard let row = try db.first("""
            SELECT r.role_name FROM security_role r JOIN security_user_role ur ON ur.role_id = r.role_id
            WHERE r.role_id = ? AND ur.user_id = ?
            """, [.integer(roleID), .integer(caller.userID)]) else { return }
        throw OMCError(.forbidden, "you hold the role '\(row.string("role_name") ?? String(roleID))', so you cannot change its \(what): "
                       + "nobody changes the rights that apply to themselves; ask another administrator")
    }

    /// Refuses when `userIDs` names the caller: nobody gives themselves roles or takes their own away.
    static func requireOthers(_ userIDs: [Int64], by caller: Administrator, field: String) throws(OMCError) {
        guard userIDs.contains(caller.userID) else { return }
        throw OMCError(.forbidden, "\(field): you cannot change your own roles; ask another administrator")
    }

    /// The role names and parsed patterns of `roleIDs`, in id order.
    private static func rolePatterns(_ roleIDs: [Int64], in db: any DatabaseConnection) throws -> [(name: String, patterns: [PermissionPattern])] {
        let marks = Array(repeating: "?", count: roleIDs.count).joined(separator: ", ")
        let rows = try db.query("""
            SELECT r.role_id, r.role_name, p.permission FROM security_role r LEFT JOIN security_role_permission p ON p.role_id = r.role_id
            WHERE r.role_id IN (\(marks)) ORDER BY r.role_id
            """, roleIDs.map(SQLValue.integer))
        var roles: [(id: Int, name: String, patterns: [PermissionPattern])] = []
        for row in rows {
            let id = row.int("role_id") ?? 0
            if roles.last?.id != id { roles.append((id, row.string("role_name") ?? String(id), [])) }
            if let text = row.string("permission"), let pattern = PermissionPattern(text) { roles[roles.count - 1].patterns.append(pattern) }
        }
        return roles.map { ($0.name, $0.patterns) }
    }

    private static func reason(_ uncovered: PermissionCoverage.Uncovered) -> String {
        if let denial = uncovered.deniedBy { return "which your own roles deny ('\(denial.text)')" }
        return "which your own roles do not give you"
    }
}
