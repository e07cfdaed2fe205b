import PluginAPI

/// Reads and writes of `security_role` and its link tables for the role routes. Built-in roles
/// cannot be deleted or disabled and keep their keys; the `admin` role keeps its rights and scope.
/// Callers refresh the rights cache (``SecurityState/rightsChanged()``) after every write commits.
enum RoleAdmin {
    static let noPermission: LocalizedMessage = "No permission to access character data!"

    /// The list filters of `GET /system/role/list` and `POST /system/role/export`.
    struct Filter: Sendable {
        let name: String?
        let key: String?
        let status: String?
        let createdFrom: Int64?
        let createdUntil: Int64?

        init(_ fields: FilterFields) throws(OMCError) {
            name = fields["roleName"]
            key = fields["roleKey"]
            status = try fields.status("status")
            (createdFrom, createdUntil) = try fields.timeRange()
        }

        /// The matching roles, of `page` or all, in the order of `role_sort`.
        func query(page: PageRequest? = nil) -> SQLListQuery {
            var query = SQLListQuery(page: page)
            query.equals("del_flag", .text("0"))
            query.contains("role_name", name)
            query.contains("role_key", key)
            query.equals("status", status.map(SQLValue.text))
            query.between("create_time", createdFrom.map(SQLValue.integer), createdUntil.map(SQLValue.integer))
            query.orderBy = "role_sort, role_id"
            return query
        }
    }

    static func page(_ filter: Filter, _ page: PageRequest, in db: any DatabaseConnection) throws -> (rows: [RoleRecord], total: Int) {
        let (rows, total) = try filter.query(page: page).fetch(select: "SELECT * FROM security_role", from: "security_role", in: db)
        return (rows.map(RoleRecord.init), total)
    }

    static func all(_ filter: Filter, in db: any DatabaseConnection) throws -> [RoleRecord] {
        let (sql, arguments) = filter.query().selectSQL("SELECT * FROM security_role")
        return try db.query(sql, arguments).map(RoleRecord.init)
    }

    static func find(_ id: Int64, in db: any DatabaseConnection) throws -> RoleRecord {
        guard let row = try db.first("SELECT * FROM security_role WHERE role_id = ? AND del_flag = '0'", [.integer(id)]) else {
            throw OMCError.notFound("no role with id \(id)")
        }
        return RoleRecord(row)
    }

    /// The role with its permissions, ticked menus and custom departments.
    static func detail(_ id: Int64, in db: any DatabaseConnection) throws -> RoleRecord {
        var role = try find(id, in: db)
        role.permissions = try db.query("SELECT permission FROM security_role_permission WHERE role_id = ? ORDER BY permission", [.integer(id)])
            .compactMap { $0.string("permission") }
        role.menuIds = try db.query("SELECT menu_id FROM security_role_menu WHERE role_id = ? ORDER BY menu_id", [.integer(id)])
            .compactMap { $0.string("menu_id") }
        role.deptIds = try db.query("SELECT dept_id FROM security_role_dept WHERE role_id = ? ORDER BY dept_id", [.integer(id)])
            .compactMap { $0.string("dept_id") }
        return role
    }

    /// Inserts a role; returns its id.
    @discardableResult
    static func add(_ fields: RoleFields, patterns: [String], by admin: Administrator, now: Int64, in db: any DatabaseConnection) throws -> Int64 {
        try requireUnique(fields, excluding: nil, failure: "Add Role[\(fields.name)] failed", in: db)
        try db.execute("""
            INSERT INTO security_role (role_id, role_name, role_key, role_sort, data_scope, menu_check_strictly, status, create_by, create_time, remark)
            VALUES ((SELECT COALESCE(MAX(role_id), 0) + 1 FROM security_role), ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(fields.name), .text(fields.key), .int(fields.sort), .text(fields.dataScope ?? "1"), .bool(fields.menuCheckStrictly ?? true),
                  .text(fields.status), .text(admin.userName), .integer(now), .text(fields.remark)])
        guard let id = try db.first("SELECT role_id FROM security_role WHERE role_key = ?", [.text(fields.key)])?.int("role_id") else {
            throw OMCError(.internal, "the new role '\(fields.key)' was not stored")
        }
        try RoleStore.setPermissions(roleKey: fields.key, patterns, in: db)
        try setMenus(Int64(id), fields.menuIDs ?? [], in: db)
        try setDepartments(Int64(id), fields.departmentIDs ?? [], in: db)
        return Int64(id)
    }

    /// Changes a role; `patterns` (when not `nil`) replace its permissions. The rules, most specific
    /// first: those of built-in roles, then those of ``GrantRule`` (a role the caller holds keeps its
    /// rights; the caller's rights must cover the role before and after).
    static func modify(_ id: Int64, _ fields: RoleFields, patterns: [String]?, by admin: Administrator, rights: UserRights, now: Int64,
                       in db: any DatabaseConnection) throws {
        let current = try find(id, in: db)
        let failure: LocalizedMessage = "Modify Role [\(fields.name)] failed"
        if current.builtIn {
            guard fields.key == current.roleKey else { throw OMCError(.invalidInput, "\(failure), the key of a built-in role cannot be changed") }
            guard fields.status == "1" else { throw OMCError(.invalidInput, "\(failure), a built-in role cannot be disabled") }
        }
        if current.isAdministrator, patterns != nil || (fields.dataScope ?? "1") != "1" {
            throw OMCError(.invalidInput, "\(failure), the rights and data scope of the admin role cannot be changed")
        }
        let changes = try rightsChanges(id, fields, patterns: patterns, in: db)
        if !changes.isEmpty { try GrantRule.requireNotHeld(role: id, by: admin, changing: changes.joined(separator: ", "), in: db) }
        if let patterns { try GrantRule.requireCovered(patterns, by: rights, field: fields.permissions == nil ? "menuIds" : "permissions") }
        try GrantRule.requireChangeable(role: id, by: rights, in: db)
        try requireUnique(fields, excluding: id, failure: failure, in: db)
        try db.execute("""
            UPDATE security_role SET role_name = ?, role_key = ?, role_sort = ?, data_scope = ?, menu_check_strictly = ?, status = ?,
                remark = ?, update_by = ?, update_time = ? WHERE role_id = ?
            """, [.text(fields.name), .text(fields.key), .int(fields.sort), .text(fields.dataScope ?? current.dataScope),
                  .bool(fields.menuCheckStrictly ?? (current.menuCheckStrictly == "1")), .text(fields.status), .text(fields.remark),
                  .text(admin.userName), .integer(now), .integer(id)])
        if let patterns { try RoleStore.setPermissions(roleKey: fields.key, patterns, in: db) }
        if let menus = fields.menuIDs { try setMenus(id, menus, in: db) }
        if let departments = fields.departmentIDs { try setDepartments(id, departments, in: db) }
    }

    /// The fields of a `PUT /system/role` that would change what the role lets its holders do or
    /// see, compared with the stored role: only its name, sort order and remark are left out.
    static func rightsChanges(_ id: Int64, _ fields: RoleFields, patterns: [String]?, in db: any DatabaseConnection) throws -> [String] {
        let current = try detail(id, in: db)
        var changed: [String] = []
        if let patterns, Set(patterns) != Set(current.permissions ?? []) { changed.append("permissions") }
        if let menus = fields.menuIDs, Set(menus) != Set(current.menuIds ?? []) { changed.append("menuIds") }
        if fields.key != current.roleKey { changed.append("roleKey") }
        if fields.status != current.status { changed.append("status") }
        if let scope = fields.dataScope, scope != current.dataScope { changed.append("dataScope") }
        if let departments = fields.departmentIDs, Set(departments.map(String.init)) != Set(current.deptIds ?? []) { changed.append("deptIds") }
        return changed
    }

    static func setStatus(_ id: Int64, _ status: String, by admin: Administrator, now: Int64, in db: any DatabaseConnection) throws {
        let role = try find(id, in: db)
        if status == "0", role.builtIn { throw OMCError(.invalidInput, "the built-in role '\(role.roleName)' cannot be disabled") }
        try db.execute("UPDATE security_role SET status = ?, update_by = ?, update_time = ? WHERE role_id = ?",
                       [.text(status), .text(admin.userName), .integer(now), .integer(id)])
    }

    static func setDataScope(_ id: Int64, scope: String, departments: [Int64], strictly: Bool?, by admin: Administrator, now: Int64,
                             in db: any DatabaseConnection) throws {
        let role = try find(id, in: db)
        if role.isAdministrator, scope != "1" { throw OMCError(.invalidInput, "the data scope of the admin role cannot be changed") }
        try db.execute("""
            UPDATE security_role SET data_scope = ?, dept_check_strictly = ?, update_by = ?, update_time = ? WHERE role_id = ?
            """, [.text(scope), .bool(strictly ?? (role.deptCheckStrictly == "1")), .text(admin.userName), .integer(now), .integer(id)])
        try setDepartments(id, scope == "2" ? departments : [], in: db)
    }

    /// Deletes every role of `ids` or none: a missing, built-in or still assigned one refuses the whole request.
    static func delete(_ ids: [Int64], in db: any DatabaseConnection) throws {
        for id in ids {
            let role = try find(id, in: db)
            if role.builtIn { throw OMCError(.invalidInput, "the built-in role '\(role.roleName)' cannot be deleted; nothing was deleted") }
            if try db.first("SELECT 1 AS found FROM security_user_role WHERE role_id = ?", [.integer(id)]) != nil {
                throw OMCError(.invalidInput, "[\(role.roleName)] has been assigned to users and cannot be deleted; nothing was deleted")
            }
        }
        try IDList.deleteAll(ids, table: "security_role", column: "role_id", what: "role", in: db)
    }

    /// Gives (`checked`) or takes back the role `roleID` from `userIDs`, all or none. Every user must
    /// be one the caller may change (``UserAdmin/target(_:scope:rights:in:)``); `admin` keeps the admin role.
    static func assign(_ roleID: Int64, to userIDs: [Int64], checked: Bool, scope: DataScope, rights: UserRights,
                       in db: any DatabaseConnection) throws {
        let role = try find(roleID, in: db)
        for userID in userIDs {
            let account = try UserAdmin.target(userID, scope: scope, rights: rights, in: db)
            if !checked, role.isAdministrator, UserAdmin.isBuiltInAdministrator(account) {
                throw OMCError(.invalidInput, "the account '\(account.userName)' keeps the admin role; nothing was changed")
            }
        }
        for userID in userIDs {
            if checked {
                try db.execute("""
                    INSERT INTO security_user_role (user_id, role_id) SELECT ?, ? WHERE NOT EXISTS
                    (SELECT 1 FROM security_user_role WHERE user_id = ? AND role_id = ?)
                    """, [.integer(userID), .integer(roleID), .integer(userID), .integer(roleID)])
            } else {
                try db.execute("DELETE FROM security_user_role WHERE user_id = ? AND role_id = ?", [.integer(userID), .integer(roleID)])
            }
        }
    }

    private static func setMenus(_ id: Int64, _ menuIDs: [String], in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_role_menu WHERE role_id = ?", [.integer(id)])
        for menu in menuIDs { try db.execute("INSERT INTO security_role_menu (role_id, menu_id) VALUES (?, ?)", [.integer(id), .text(menu)]) }
    }

    private static func setDepartments(_ id: Int64, _ departmentIDs: [Int64], in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_role_dept WHERE role_id = ?", [.integer(id)])
        for department in departmentIDs {
            guard try db.first("SELECT 1 AS found FROM security_dept WHERE dept_id = ?", [.integer(department)]) != nil else {
                throw OMCError.invalid("deptIds", "no department with id \(department)")
            }
            try db.execute("INSERT INTO security_role_dept (role_id, dept_id) VALUES (?, ?)", [.integer(id), .integer(department)])
        }
    }

    private static func requireUnique(_ fields: RoleFields, excluding id: Int64?, failure: LocalizedMessage, in db: any DatabaseConnection) throws {
        if try db.first("SELECT 1 AS found FROM security_role WHERE lower(role_name) = lower(?) AND role_id <> ? AND del_flag = '0'",
                        [.text(fields.name), .integer(id ?? 0)]) != nil {
            throw OMCError(.conflict, "\(failure), the role name already exists")
        }
        if try db.first("SELECT 1 AS found FROM security_role WHERE lower(role_key) = lower(?) AND role_id <> ?",
                        [.text(fields.key), .integer(id ?? 0)]) != nil {
            throw OMCError(.conflict, "\(failure), the permission key value already exists")
        }
    }
}
