import PluginAPI

/// A department as the department routes answer it (`GET /system/dept/list`, `/system/dept/{deptId}`).
struct DepartmentRecord: Sendable, Encodable {
    let deptId: String
    let parentId: String
    let ancestors: String
    let deptName: String
    let orderNum: Int
    let leader: String
    let phone: String
    let email: String
    let status: String
    let delFlag: String
    let createBy: String
    let createTime: String
    /// Only in `GET /system/dept/{deptId}`.
    var parentName: String?

    init(_ row: DatabaseRow) {
        deptId = row.string("dept_id") ?? ""
        parentId = row.string("parent_id") ?? "0"
        ancestors = row.string("ancestors") ?? "0"
        deptName = row.string("dept_name") ?? ""
        orderNum = row.int("order_num") ?? 0
        leader = row.string("leader") ?? ""
        phone = row.string("phone") ?? ""
        email = row.string("email") ?? ""
        status = row.string("status") ?? "1"
        delFlag = row.string("del_flag") ?? "0"
        createBy = row.string("create_by") ?? ""
        createTime = row.string("create_time") ?? ""
        parentName = nil
    }

    var id: Int64 { Int64(deptId) ?? 0 }
    var parentID: Int64 { Int64(parentId) ?? 0 }
}

/// One node of the department trees (`treeSelect`, `roleDeptTreeSelect`): `{id, label, children}`.
struct DepartmentNode: Sendable, Encodable {
    let id: String
    let label: String
    let children: [DepartmentNode]

    /// The forest of `departments` (ordered as they should appear); a department whose parent is not
    /// among them is a root, so a caller who sees only part of the tree still gets a tree.
    static func forest(_ departments: [DepartmentRecord]) -> [DepartmentNode] {
        let ids = Set(departments.map(\.id))
        var children: [Int64: [DepartmentRecord]] = [:]
        for department in departments { children[department.parentID, default: []].append(department) }
        func node(_ department: DepartmentRecord, depth: Int) -> DepartmentNode {
            // Depth bound: the ancestors rule prevents cycles, this guards against a hand-edited table.
            let below = depth > 64 ? [] : (children[department.id] ?? []).map { node($0, depth: depth + 1) }
            return DepartmentNode(id: department.deptId, label: department.deptName, children: below)
        }
        return departments.filter { !ids.contains($0.parentID) }.map { node($0, depth: 0) }
    }
}
