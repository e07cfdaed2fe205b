import PluginAPI

/// A user as the user lists answer it (`GET /system/user/list`, `authUser/allocatedList`). It has no
/// password field, by construction.
struct UserRow: Sendable, Encodable {
    /// Ids of the user's roles.
    var roles: [String]
    let userId: String
    let deptId: String?
    let nickName: String
    let userName: String
    let email: String
    let avatar: String
    let phonenumber: String
    let sex: String
    let status: String
    let delFlag: String
    let loginIp: String
    let loginDate: String
    let createBy: String
    let createTime: String
    let remark: String
    let dept: DepartmentSummary

    struct DepartmentSummary: Sendable, Encodable {
        let deptId: String?
        let deptName: String?
        let leader: String?
    }

    /// From a row of ``UserFilter/select``.
    init(_ row: DatabaseRow) {
        roles = []
        userId = row.string("user_id") ?? ""
        deptId = row.string("dept_id")
        nickName = row.string("nick_name") ?? ""
        userName = row.string("user_name") ?? ""
        email = row.string("email") ?? ""
        avatar = row.string("avatar") ?? ""
        phonenumber = row.string("phonenumber") ?? ""
        sex = row.string("sex") ?? "0"
        status = row.string("status") ?? "1"
        delFlag = row.string("del_flag") ?? "0"
        loginIp = row.string("login_ip") ?? ""
        loginDate = row.string("login_date") ?? ""
        createBy = row.string("create_by") ?? ""
        createTime = row.string("create_time") ?? ""
        remark = row.string("remark") ?? ""
        dept = DepartmentSummary(deptId: deptId, deptName: row.string("dept_name"), leader: row.string("dept_leader"))
    }
}
