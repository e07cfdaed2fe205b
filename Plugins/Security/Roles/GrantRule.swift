import PluginAPI

/// Nobody hands out more than they hold: a caller may give a role only the permissions their own
/// rights cover, and may give a user only roles whose grants their own rights cover. Without this,
/// anyone allowed to edit roles or users could make themselves an administrator.
enum GrantRule {
    /// Refuses when one of `patterns` grants something `rights` do not (denials only narrow and are always allowed).
    static func requireCovered(_ patterns: [String], by rights: UserRights, field: String) throws(OMCError) {
        for text in patterns {
            guard let pattern = PermissionPattern(text), !pattern.denies else { continue }
            guard rights.permits(pattern.parts.joined(separator: ":")) else {
                throw OMCError(.forbidden, "\(field): you cannot grant '\(text)', which your own roles do not give you")
            }
        }
    }

    /// Refuses when one of the roles `roleIDs` grants something `rights` do not.
    static func requireGrantable(roles roleIDs: [Int64], by rights: UserRights, in db: any DatabaseConnection) throws {
        guard !roleIDs.isEmpty else { return }
        let marks = Array(repeating: "?", count: roleIDs.count).joined(separator: ", ")
        let rows = try db.query("""
            SELECT r.role_name, p.permission FROM security_role r JOIN security_role_permission p ON p.role_id = r.role_id
            WHERE r.role_id IN (\(marks)) ORDER BY r.role_id
            """, roleIDs.map(SQLValue.integer))
        for row in rows {
            guard let text = row.string("permission") else { continue }
            do {
                try requireCovered([text], by: rights, field: "roleIds")
            } catch {
                throw OMCError(.forbidden, "roleIds: you cannot give the role '\(row.string("role_name") ?? "")', which grants '\(text)' that your own roles do not give you")
            }
        }
    }

    /// Refuses a change to the role `roleID` (its rights, scope, status, holders or existence) when it
    /// grants something `rights` do not.
    static func requireChangeable(role roleID: Int64, by rights: UserRights, in db: any DatabaseConnection) throws {
        do {
            try requireGrantable(roles: [roleID], by: rights, in: db)
        } catch {
            let name = try db.first("SELECT role_name FROM security_role WHERE role_id = ?", [.integer(roleID)])?.string("role_name") ?? String(roleID)
            throw OMCError(.forbidden, "you cannot change the role '\(name)': it grants rights your own roles do not give you")
        }
    }
}
