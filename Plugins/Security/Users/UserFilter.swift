import PluginAPI

/// The filters of the user lists and the user export, always narrowed to the caller's data scope.
/// Every value is bound as an argument; `LIKE` wildcards in filter text match literally.
struct UserFilter: Sendable {
    var userName: String?
    var phoneNumber: String?
    var status: String?
    var createdFrom: Int64?
    var createdUntil: Int64?
    /// Users of this department and of those below it.
    var departmentID: Int64?
    /// With `allocated`, users who hold (`true`) or do not hold (`false`) this role.
    var roleID: Int64?
    var allocated = true

    init() {}

    init(_ fields: FilterFields) throws(OMCError) {
        userName = fields["userName"]
        phoneNumber = fields["phonenumber"]
        status = try fields.status("status")
        (createdFrom, createdUntil) = try fields.timeRange()
        if let text = fields["deptId"] {
            guard let id = Int64(text), id > 0 else { throw OMCError.invalid("deptId", "must be a positive integer id, not '\(text)'") }
            departmentID = id
        }
    }

    static let select = """
        SELECT u.*, d.dept_name AS dept_name, d.leader AS dept_leader FROM security_user u
        LEFT JOIN security_dept d ON d.dept_id = u.dept_id
        """

    func condition(scope: DataScope) -> (sql: String, arguments: [SQLValue]) {
        let (scopeSQL, scopeArguments) = scope.condition(departmentColumn: "u.dept_id", userColumn: "u.user_id")
        var sql = "u.del_flag = '0' AND \(scopeSQL)"
        var arguments = scopeArguments
        if let userName { sql += " AND u.user_name LIKE ? ESCAPE '\\'"; arguments.append(.text(SQLPattern.contains(userName))) }
        if let phoneNumber { sql += " AND u.phonenumber LIKE ? ESCAPE '\\'"; arguments.append(.text(SQLPattern.contains(phoneNumber))) }
        if let status { sql += " AND u.status = ?"; arguments.append(.text(status)) }
        if let createdFrom { sql += " AND u.create_time >= ?"; arguments.append(.integer(createdFrom)) }
        if let createdUntil { sql += " AND u.create_time <= ?"; arguments.append(.integer(createdUntil)) }
        if let departmentID {
            sql += " AND (u.dept_id = ? OR u.dept_id IN (SELECT dept_id FROM security_dept WHERE ',' || ancestors || ',' LIKE ?))"
            arguments += [.integer(departmentID), .text("%,\(departmentID),%")]
        }
        if let roleID {
            sql += " AND u.user_id \(allocated ? "IN" : "NOT IN") (SELECT user_id FROM security_user_role WHERE role_id = ?)"
            arguments.append(.integer(roleID))
        }
        return (sql, arguments)
    }

    /// One page of matching users, with their role ids, and how many match in all.
    func page(_ page: PageRequest, scope: DataScope, in db: any DatabaseConnection) throws -> (rows: [UserRow], total: Int) {
        let (sql, arguments) = condition(scope: scope)
        let (rows, total) = try SQLPage.fetch(select: Self.select, table: "security_user u", condition: sql, arguments: arguments,
                                              order: "u.user_id", page: page, in: db)
        return (try Self.withRoles(rows.map(UserRow.init), in: db), total)
    }

    /// Every matching user, in id order, handed over one at a time (exports).
    func forEach(scope: DataScope, in db: any DatabaseConnection, _ body: (DatabaseRow) throws -> Void) throws {
        let (sql, arguments) = condition(scope: scope)
        try db.forEachRow("\(Self.select) WHERE \(sql) ORDER BY u.user_id", arguments, body)
    }

    static func withRoles(_ rows: [UserRow], in db: any DatabaseConnection) throws -> [UserRow] {
        guard !rows.isEmpty else { return rows }
        let ids = rows.compactMap { Int64($0.userId) }.map(SQLValue.integer)
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var roles: [String: [String]] = [:]
        for link in try db.query("SELECT user_id, role_id FROM security_user_role WHERE user_id IN (\(marks)) ORDER BY role_id", ids) {
            if let user = link.string("user_id"), let role = link.string("role_id") { roles[user, default: []].append(role) }
        }
        return rows.map { row in
            var row = row
            row.roles = roles[row.userId] ?? []
            return row
        }
    }
}
