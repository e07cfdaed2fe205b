import PluginAPI

/// A role as the role routes answer it. `permissions`, `menuIds` and `deptIds` are this OMC's
/// additions in the one-role answer (`GET /system/role/{roleId}`): what the role grants, which menu
/// entries are ticked, which departments a custom data scope covers.
struct RoleRecord: Sendable, Encodable {
    let roleId: String
    let roleName: String
    let roleKey: String
    let roleSort: Int
    let dataScope: String
    let menuCheckStrictly: String
    let deptCheckStrictly: String
    let status: String
    let delFlag: String
    let createTime: String
    let remark: String
    /// The user-management API profile the role stands for, if any.
    let profile: String?
    let builtIn: Bool
    var permissions: [String]?
    var menuIds: [String]?
    var deptIds: [String]?

    init(_ row: DatabaseRow) {
        roleId = row.string("role_id") ?? ""
        roleName = row.string("role_name") ?? ""
        roleKey = row.string("role_key") ?? ""
        roleSort = row.int("role_sort") ?? 0
        dataScope = row.string("data_scope") ?? "1"
        menuCheckStrictly = row.string("menu_check_strictly") ?? "1"
        deptCheckStrictly = row.string("dept_check_strictly") ?? "1"
        status = row.string("status") ?? "1"
        delFlag = row.string("del_flag") ?? "0"
        createTime = row.string("create_time") ?? ""
        remark = row.string("remark") ?? ""
        profile = row.string("profile")
        builtIn = row.int("built_in") == 1
    }

    var id: Int64 { Int64(roleId) ?? 0 }
    /// The role every right hangs on: it keeps everything, always.
    var isAdministrator: Bool { roleKey == "admin" }
}
