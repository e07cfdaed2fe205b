/// A user as login, sessions and the profile routes see it; `passwordHash` never leaves the plugin.
struct UserAccount: Sendable {
    let userID: Int64
    let departmentID: Int64?
    let userName: String
    let nickName: String
    let userType: String
    let email: String
    let phoneNumber: String
    let sex: String
    let avatar: String
    let passwordHash: String
    let mustChangePassword: Bool
    let adminLocked: Bool
    let status: String
    let deleted: Bool
    let loginIP: String
    let loginDate: Int64?
    let createdBy: String
    let createTime: Int64
    let remark: String

    /// Whether the account may log in: enabled, not locked by an administrator, not deleted.
    var isUsable: Bool { status == "1" && !adminLocked && !deleted }
}
