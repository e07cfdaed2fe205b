import PluginAPI

/// The `security_dept` table (read side; the department routes add the rest).
enum DepartmentStore {
    /// The department every seeded account belongs to at first start.
    static let rootID: Int64 = 100

    static func seedRoot(now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("""
            INSERT INTO security_dept (dept_id, parent_id, ancestors, dept_name, order_num, create_by, create_time)
            SELECT ?, 0, '0', 'OMC', 0, 'system', ? WHERE NOT EXISTS (SELECT 1 FROM security_dept)
            """, [.integer(rootID), .integer(now)])
    }

    static func department(_ row: DatabaseRow) -> Department {
        Department(deptId: row.string("dept_id") ?? "", parentId: row.string("parent_id") ?? "0", ancestors: row.string("ancestors") ?? "0",
                   deptName: row.string("dept_name") ?? "", orderNum: row.int("order_num") ?? 0, leader: row.string("leader") ?? "",
                   status: row.string("status") ?? "1")
    }

    static func find(_ id: Int64, in db: any DatabaseConnection) throws -> Department? {
        try db.first("SELECT * FROM security_dept WHERE dept_id = ?", [.integer(id)]).map(department)
    }

    /// `id` and every department below it (their `ancestors` list contains `id`).
    static func subtree(of id: Int64, in db: any DatabaseConnection) throws -> Set<Int64> {
        let rows = try db.query("""
            SELECT dept_id FROM security_dept
            WHERE dept_id = ? OR ',' || ancestors || ',' LIKE '%,' || ? || ',%'
            """, [.integer(id), .text(String(id))])
        return Set(rows.compactMap { $0.int("dept_id").map(Int64.init) })
    }
}
