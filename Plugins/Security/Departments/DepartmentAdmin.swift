import PluginAPI

/// Reads and writes of `security_dept` for the department routes. Every function takes the caller's
/// data scope: a department outside it is answered as the document does, "No permission to access
/// department data".
enum DepartmentAdmin {
    static let noPermission: LocalizedMessage = "No permission to access department data"

    /// What add and modify carry.
    struct Fields: Sendable {
        let parentID: Int64
        let name: String
        let orderNum: Int
        let leader: String
        let phone: String
        let email: String
        let status: String

        init(_ body: BodyFields) throws(OMCError) {
            guard body.has("parentId") else { throw OMCError.invalid("parentId", "is required (0 for a top-level department)") }
            let parent = try body.text("parentId", maxLength: 20) ?? ""
            guard let parentID = Int64(parent), parentID >= 0 else { throw OMCError.invalid("parentId", "must be a department id, or 0 for a top-level department") }
            self.parentID = parentID
            name = try body.requiredText("deptName", maxLength: 30)
            orderNum = try body.integer("orderNum", range: 0...9999) ?? 0
            leader = try body.text("leader", maxLength: 20) ?? ""
            phone = try ContactRules.phone(body, "phone") ?? ""
            email = try ContactRules.email(body, "email") ?? ""
            status = try body.choice("status", ["0", "1"]) ?? "1"
        }
    }

    static func list(name: String?, status: String?, excluding excluded: Int64? = nil, scope: DataScope,
                     in db: any DatabaseConnection) throws -> [DepartmentRecord] {
        var sql = "SELECT * FROM security_dept WHERE del_flag = '0'"
        var arguments: [SQLValue] = []
        if let name { sql += " AND " + SQLLike.condition("dept_name"); arguments.append(.text(SQLLike.containing(name))) }
        if let status { sql += " AND status = ?"; arguments.append(.text(status)) }
        if let excluded {
            sql += " AND dept_id <> ? AND ',' || ancestors || ',' NOT LIKE ?"
            arguments += [.integer(excluded), .text("%,\(excluded),%")]
        }
        return try db.query(sql + " ORDER BY parent_id, order_num, dept_id", arguments).map(DepartmentRecord.init)
            .filter { scope.seesDepartment($0.id) }
    }

    /// The department `id`, visible to `scope`, or the document's refusal.
    static func visible(_ id: Int64, scope: DataScope, in db: any DatabaseConnection) throws -> DepartmentRecord {
        guard let row = try db.first("SELECT * FROM security_dept WHERE dept_id = ? AND del_flag = '0'", [.integer(id)]) else {
            throw OMCError.notFound("no department with id \(id)")
        }
        guard scope.seesDepartment(id) else { throw OMCError(.forbidden, noPermission) }
        return DepartmentRecord(row)
    }

    static func add(_ fields: Fields, by admin: Administrator, scope: DataScope, now: Int64, in db: any DatabaseConnection) throws {
        let ancestors = try ancestorsBelow(fields.parentID, scope: scope, failure: "Failed to add [\(fields.name)] to department", in: db)
        try requireUniqueName(fields, excluding: nil, failure: "Failed to add [\(fields.name)] to department", in: db)
        try db.execute("""
            INSERT INTO security_dept (dept_id, parent_id, ancestors, dept_name, order_num, leader, phone, email, status, create_by, create_time)
            VALUES ((SELECT COALESCE(MAX(dept_id), 0) + 1 FROM security_dept), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fields.parentID), .text(ancestors), .text(fields.name), .int(fields.orderNum), .text(fields.leader),
                  .text(fields.phone), .text(fields.email), .text(fields.status), .text(admin.userName), .integer(now)])
    }

    static func modify(_ id: Int64, _ fields: Fields, by admin: Administrator, scope: DataScope, now: Int64, in db: any DatabaseConnection) throws {
        let current = try visible(id, scope: scope, in: db)
        let failure: LocalizedMessage = "Department modification [\(fields.name)] failed"
        guard fields.parentID != id else { throw OMCError(.invalidInput, "\(failure), the superior department cannot be myself") }
        let ancestors = try ancestorsBelow(fields.parentID, scope: scope, failure: failure, in: db)
        guard !ancestors.split(separator: ",").contains(Substring(String(id))) else {
            throw OMCError(.invalidInput, "\(failure), the superior department cannot be one of its own sub-departments")
        }
        try requireUniqueName(fields, excluding: id, failure: failure, in: db)
        if fields.status == "0", current.status == "1",
           try db.first("SELECT 1 AS found FROM security_dept WHERE parent_id = ? AND status = '1' AND del_flag = '0'", [.integer(id)]) != nil {
            throw OMCError(.invalidInput, "This department contains sub-departments that are not deactivated!")
        }
        try db.execute("""
            UPDATE security_dept SET parent_id = ?, ancestors = ?, dept_name = ?, order_num = ?, leader = ?, phone = ?, email = ?,
                status = ?, update_by = ?, update_time = ? WHERE dept_id = ?
            """, [.integer(fields.parentID), .text(ancestors), .text(fields.name), .int(fields.orderNum), .text(fields.leader),
                  .text(fields.phone), .text(fields.email), .text(fields.status), .text(admin.userName), .integer(now), .integer(id)])
        if ancestors != current.ancestors {
            // Descendants keep their path below this department and take its new path above it.
            let oldPrefix = current.ancestors + "," + String(id)
            let newPrefix = ancestors + "," + String(id)
            try db.execute("""
                UPDATE security_dept SET ancestors = ? || substr(ancestors, ?)
                WHERE ancestors = ? OR ancestors LIKE ? ESCAPE '\\'
                """, [.text(newPrefix), .int(oldPrefix.count + 1), .text(oldPrefix), .text(oldPrefix + ",%")])
        }
    }

    static func delete(_ id: Int64, scope: DataScope, in db: any DatabaseConnection) throws {
        _ = try visible(id, scope: scope, in: db)
        if try db.first("SELECT 1 AS found FROM security_dept WHERE parent_id = ? AND del_flag = '0'", [.integer(id)]) != nil {
            throw OMCError(.invalidInput, "There are subordinate departments, deletion is not allowed")
        }
        if try db.first("SELECT 1 AS found FROM security_user WHERE dept_id = ?", [.integer(id)]) != nil {
            throw OMCError(.invalidInput, "The department has users, deletion is not allowed")
        }
        try db.execute("DELETE FROM security_dept WHERE dept_id = ?", [.integer(id)])
    }

    /// The `ancestors` of a new child of `parentID`: the parent must exist, be visible and be enabled.
    private static func ancestorsBelow(_ parentID: Int64, scope: DataScope, failure: LocalizedMessage, in db: any DatabaseConnection) throws -> String {
        if parentID == 0 {
            guard scope.everything else { throw OMCError(.forbidden, noPermission) }
            return "0"
        }
        guard let row = try db.first("SELECT * FROM security_dept WHERE dept_id = ? AND del_flag = '0'", [.integer(parentID)]) else {
            throw OMCError.invalid("parentId", "no department with id \(parentID)")
        }
        guard scope.seesDepartment(parentID) else { throw OMCError(.forbidden, noPermission) }
        let parent = DepartmentRecord(row)
        guard parent.status == "1" else { throw OMCError(.invalidInput, "\(failure), the superior department '\(parent.deptName)' is deactivated") }
        return parent.ancestors + "," + parent.deptId
    }

    private static func requireUniqueName(_ fields: Fields, excluding id: Int64?, failure: LocalizedMessage, in db: any DatabaseConnection) throws {
        let clash = try db.first("""
            SELECT 1 AS found FROM security_dept WHERE parent_id = ? AND lower(dept_name) = lower(?) AND dept_id <> ? AND del_flag = '0'
            """, [.integer(fields.parentID), .text(fields.name), .integer(id ?? 0)])
        if clash != nil { throw OMCError(.conflict, "\(failure), department name already exists") }
    }
}
