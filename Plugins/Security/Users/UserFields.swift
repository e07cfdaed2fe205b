import PluginAPI

/// What `POST /system/user` and `PUT /system/user` (and a row of an import) carry, validated.
/// The password is not here: it is checked against the policy and hashed before anything is written.
struct UserFields: Sendable {
    var userName: String
    var nickName: String
    var email: String
    var phoneNumber: String
    var sex: String
    var status: String
    var remark: String
    var departmentID: Int64?
    var roleIDs: [Int64]?
    var postIDs: [Int64]?
    var userType: String
    var avatar: String?

    init(_ body: BodyFields) throws(OMCError) {
        userName = try body.requiredText("userName", maxLength: 30)
        try Self.checkUserName(userName)
        nickName = try body.text("nickName", maxLength: 30) ?? userName
        email = try ContactRules.email(body, "email") ?? ""
        phoneNumber = try ContactRules.phone(body, "phonenumber") ?? ""
        sex = try body.choice("sex", ["0", "1", "2"]) ?? "0"
        status = try body.choice("status", ["0", "1"]) ?? "1"
        remark = try body.text("remark", maxLength: 500) ?? ""
        departmentID = try body.id("deptId")
        roleIDs = try body.ids("roleIds")
        postIDs = try body.ids("postIds")
        userType = try body.text("userType", maxLength: 10) ?? "sys"
        avatar = try body.text("avatar", maxLength: 255)
    }

    /// 2 to 30 characters: letters, digits, `_`, `.`, `-` or `@`, starting with a letter.
    static func checkUserName(_ name: String, field: String = "userName") throws(OMCError) {
        guard (2...30).contains(name.count), let first = name.first, first.isASCII, first.isLetter,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" || $0 == "@") }) else {
            throw OMCError.invalid(field, "must be 2 to 30 characters: letters, digits, '_', '.', '-' or '@', starting with a letter")
        }
    }
}
