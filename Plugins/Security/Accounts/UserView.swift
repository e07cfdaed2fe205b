import PluginAPI

/// A user as `getInfo` and the profile answer it (`data.user`). It has no password field, by construction.
struct UserView: Sendable, Encodable {
    let roles: [RoleStore.RoleSummary]
    let userId: String
    let deptId: String
    let userName: String
    let nickName: String
    let userType: String
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
    let dept: Department?

    static func load(userID: Int64, in db: any DatabaseConnection) throws -> UserView? {
        guard let account = try UserStore.find(userID: userID, in: db) else { return nil }
        return UserView(roles: try RoleStore.roles(ofUser: userID, in: db), userId: String(account.userID),
                        deptId: account.departmentID.map(String.init) ?? "", userName: account.userName, nickName: account.nickName,
                        userType: account.userType, email: account.email, avatar: account.avatar, phonenumber: account.phoneNumber,
                        sex: account.sex, status: account.status, delFlag: account.deleted ? "2" : "0", loginIp: account.loginIP,
                        loginDate: account.loginDate.map(String.init) ?? "", createBy: account.createdBy,
                        createTime: String(account.createTime), remark: account.remark,
                        dept: try account.departmentID.flatMap { try DepartmentStore.find($0, in: db) })
    }
}
