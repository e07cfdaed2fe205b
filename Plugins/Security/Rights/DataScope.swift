import PluginAPI

/// Which records a caller's roles let them see in administration lists, from each role's
/// `data_scope`: '1' all, '2' the role's departments (`security_role_dept`), '3' the caller's
/// department, '4' the caller's department and those below it, '5' only the caller's own records.
/// Roles add up: the widest wins.
struct DataScope: Sendable, Equatable {
    /// Every department is visible.
    let everything: Bool
    /// Departments whose records are visible (when not `everything`).
    let departmentIDs: Set<Int64>
    /// The caller's own user id: their own records are always visible.
    let userID: Int64

    /// The scope of the user `userID`, from their enabled roles.
    static func of(userID: Int64, in db: any DatabaseConnection) throws -> DataScope {
        let roles = try db.query("""
            SELECT r.role_id, r.data_scope FROM security_role r JOIN security_user_role ur ON ur.role_id = r.role_id
            WHERE ur.user_id = ? AND r.status = '1' AND r.del_flag = '0'
            """, [.integer(userID)])
        let ownDepartment = try db.first("SELECT dept_id FROM security_user WHERE user_id = ?", [.integer(userID)])?.int("dept_id").map(Int64.init)
        var departments = Set<Int64>()
        for role in roles {
            switch role.string("data_scope") {
            case "1":
                return DataScope(everything: true, departmentIDs: [], userID: userID)
            case "2":
                let rows = try db.query("SELECT dept_id FROM security_role_dept WHERE role_id = ?", [role["role_id"]])
                departments.formUnion(rows.compactMap { $0.int("dept_id").map(Int64.init) })
            case "3":
                if let ownDepartment { departments.insert(ownDepartment) }
            case "4":
                if let ownDepartment { departments.formUnion(try DepartmentStore.subtree(of: ownDepartment, in: db)) }
            default:
                break
            }
        }
        return DataScope(everything: false, departmentIDs: departments, userID: userID)
    }

    /// An SQL condition limiting rows to this scope, for a table with a department column and a
    /// user column (`u.dept_id`, `u.user_id`); bind `arguments` in order. Column names come from code, never from callers.
    func condition(departmentColumn: String, userColumn: String) -> (sql: String, arguments: [SQLValue]) {
        if everything { return ("1 = 1", []) }
        let ids = departmentIDs.sorted()
        if ids.isEmpty { return ("\(userColumn) = ?", [.integer(userID)]) }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return ("(\(departmentColumn) IN (\(marks)) OR \(userColumn) = ?)", ids.map(SQLValue.integer) + [.integer(userID)])
    }

    /// Whether a record of `departmentID` owned by `ownerID` is in scope.
    func includes(departmentID: Int64?, ownerID: Int64?) -> Bool {
        everything || ownerID == userID || departmentID.map(departmentIDs.contains) == true
    }
}
