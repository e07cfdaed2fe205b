import PluginAPI

/// The `security_role`, `security_role_permission`, `security_role_menu` and `security_role_dept` tables.
enum RoleStore {
    /// Inserts the built-in roles that are missing (first start, or a role added by a later version).
    static func seedBuiltins(now: Int64, in db: any DatabaseConnection) throws {
        for role in BuiltinRole.all {
            guard try db.first("SELECT 1 AS present FROM security_role WHERE role_key = ?", [.text(role.key)]) == nil else { continue }
            try db.execute("""
                INSERT INTO security_role (role_id, role_name, role_key, role_sort, data_scope, built_in, profile, create_by, create_time, remark)
                VALUES ((SELECT COALESCE(MAX(role_id), 0) + 1 FROM security_role), ?, ?, ?, '1', 1, ?, 'system', ?, ?)
                """, [.text(role.name), .text(role.key), .int(role.sort), .text(role.profile), .integer(now), .text(role.remark)])
            try setPermissions(roleKey: role.key, role.permissions, in: db)
        }
    }

    /// Replaces a role's permission patterns; every pattern must be well formed.
    static func setPermissions(roleKey: String, _ patterns: [String], in db: any DatabaseConnection) throws {
        guard let roleID = try db.first("SELECT role_id FROM security_role WHERE role_key = ?", [.text(roleKey)])?.int("role_id") else {
            throw OMCError.notFound("no role has the key '\(roleKey)'")
        }
        for pattern in patterns where PermissionPattern(pattern) == nil {
            throw OMCError.invalid("permissions", "'\(pattern)' is not module:resource:action (each part a name or *, optionally led by !)")
        }
        try db.execute("DELETE FROM security_role_permission WHERE role_id = ?", [.int(roleID)])
        for pattern in Set(patterns) {
            try db.execute("INSERT INTO security_role_permission (role_id, permission) VALUES (?, ?)", [.int(roleID), .text(pattern)])
        }
    }

    /// The rights of a user's enabled roles, and whether they must change their password first.
    static func rights(userID: Int64, in db: any DatabaseConnection) throws -> UserRights {
        let rows = try db.query("""
            SELECT r.role_key, p.permission FROM security_user_role ur
            JOIN security_role r ON r.role_id = ur.role_id AND r.status = '1' AND r.del_flag = '0'
            LEFT JOIN security_role_permission p ON p.role_id = r.role_id
            WHERE ur.user_id = ? ORDER BY r.role_sort, r.role_id
            """, [.integer(userID)])
        var order: [String] = []
        var patterns: [String: [PermissionPattern]] = [:]
        for row in rows {
            guard let key = row.string("role_key") else { continue }
            if patterns[key] == nil { order.append(key); patterns[key] = [] }
            if let text = row.string("permission"), let pattern = PermissionPattern(text) { patterns[key]?.append(pattern) }
        }
        let mustChange = try db.first("SELECT must_change_password FROM security_user WHERE user_id = ?", [.integer(userID)])?
            .int("must_change_password") == 1
        return UserRights(roles: order.map { RoleRights(roleKey: $0, patterns: patterns[$0] ?? []) }, mustChangePassword: mustChange)
    }

    /// A role as `getInfo` and the profile list it under `user.roles`.
    struct RoleSummary: Sendable, Encodable {
        let roleId: String
        let roleName: String
        let roleKey: String
        let roleSort: Int
        let dataScope: String
        let status: String
    }

    static func roles(ofUser userID: Int64, in db: any DatabaseConnection) throws -> [RoleSummary] {
        try db.query("""
            SELECT r.* FROM security_role r JOIN security_user_role ur ON ur.role_id = r.role_id
            WHERE ur.user_id = ? AND r.del_flag = '0' ORDER BY r.role_sort, r.role_id
            """, [.integer(userID)]).map { row in
            RoleSummary(roleId: row.string("role_id") ?? "", roleName: row.string("role_name") ?? "", roleKey: row.string("role_key") ?? "",
                        roleSort: row.int("role_sort") ?? 0, dataScope: row.string("data_scope") ?? "1", status: row.string("status") ?? "1")
        }
    }
}
