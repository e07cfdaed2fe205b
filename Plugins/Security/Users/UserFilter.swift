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

    /// The users matching the filters within `scope`, of `page` or all, in id order.
    func query(scope: DataScope, page: PageRequest? = nil) -> SQLListQuery {
        var query = SQLListQuery(page: page)
        query.add("u.del_flag = '0'")
        let (scopeSQL, scopeArguments) = scope.condition(departmentColumn: "u.dept_id", userColumn: "u.user_id")
        query.add(scopeSQL, scopeArguments)
        query.contains("u.user_name", userName)
        query.contains("u.phonenumber", phoneNumber)
        query.equals("u.status", status.map(SQLValue.text))
        query.between("u.create_time", createdFrom.map(SQLValue.integer), createdUntil.map(SQLValue.integer))
        if let departmentID {
            query.add("(u.dept_id = ? OR u.dept_id IN (SELECT dept_id FROM security_dept WHERE ',' || ancestors || ',' LIKE ?))",
                      [.integer(departmentID), .text("%,\(departmentID),%")])
        }
        if let roleID {
            query.add("u.user_id \(allocated ? "IN" : "NOT IN") (SELECT user_id FROM security_user_role WHERE role_id = ?)", [.integer(roleID)])
        }
        query.orderBy = "u.user_id"
        return query
    }

    /// One page of matching users, with their role ids, and how many match in all.
    func page(_ page: PageRequest, scope: DataScope, in db: any DatabaseConnection) throws -> (rows: [UserRow], total: Int) {
        let (rows, total) = try query(scope: scope, page: page).fetch(select: Self.select, from: "security_user u", in: db)
        return (try Self.withRoles(rows.map(UserRow.init), in: db), total)
    }

    /// Every matching user, in id order, handed over one at a time (exports).
    func forEach(scope: DataScope, in db: any DatabaseConnection, _ body: (DatabaseRow) throws -> Void) throws {
        let (sql, arguments) = query(scope: scope).selectSQL(Self.select)
        try db.forEachRow(sql, arguments, body)
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
