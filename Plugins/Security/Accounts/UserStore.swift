import PluginAPI

/// The `security_user`, `security_user_role` and `security_user_post` tables.
enum UserStore {
    static func account(_ row: DatabaseRow) -> UserAccount {
        UserAccount(userID: Int64(row.int("user_id") ?? 0), departmentID: row.int("dept_id").map(Int64.init),
                    userName: row.string("user_name") ?? "", nickName: row.string("nick_name") ?? "",
                    userType: row.string("user_type") ?? "sys", email: row.string("email") ?? "",
                    phoneNumber: row.string("phonenumber") ?? "", sex: row.string("sex") ?? "0", avatar: row.string("avatar") ?? "",
                    passwordHash: row.string("password_hash") ?? "", mustChangePassword: row.int("must_change_password") == 1,
                    adminLocked: row.int("admin_locked") == 1, status: row.string("status") ?? "0",
                    deleted: row.string("del_flag") != "0", loginIP: row.string("login_ip") ?? "",
                    loginDate: row.int("login_date").map(Int64.init), createdBy: row.string("create_by") ?? "",
                    createTime: Int64(row.int("create_time") ?? 0), remark: row.string("remark") ?? "")
    }

    /// The account named `userName` (case-insensitive), deleted or not.
    static func find(userName: String, in db: any DatabaseConnection) throws -> UserAccount? {
        try db.first("SELECT * FROM security_user WHERE lower(user_name) = lower(?)", [.text(userName)]).map(account)
    }

    static func find(userID: Int64, in db: any DatabaseConnection) throws -> UserAccount? {
        try db.first("SELECT * FROM security_user WHERE user_id = ?", [.integer(userID)]).map(account)
    }

    /// What a new account is made of; the hash comes from ``PasswordHasher``.
    struct NewAccount: Sendable {
        var userName: String
        var nickName: String
        var departmentID: Int64?
        var passwordHash: String
        var mustChangePassword: Bool
        var adminLocked = false
        var roleKeys: [String]
        var createdBy: String
        var remark = ""
    }

    /// Inserts an account and links its roles; returns its id. A taken name is a conflict.
    @discardableResult
    static func create(_ new: NewAccount, now: Int64, in db: any DatabaseConnection) throws -> Int64 {
        if try find(userName: new.userName, in: db) != nil {
            throw OMCError(.conflict, "user name '\(new.userName)' is already taken")
        }
        try db.execute("""
            INSERT INTO security_user (user_id, dept_id, user_name, nick_name, password_hash, password_changed_at, must_change_password,
                                       admin_locked, create_by, create_time, remark)
            VALUES ((SELECT COALESCE(MAX(user_id), 0) + 1 FROM security_user), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [new.departmentID.map(SQLValue.integer) ?? .null, .text(new.userName), .text(new.nickName), .text(new.passwordHash),
                  .integer(now), .bool(new.mustChangePassword), .bool(new.adminLocked), .text(new.createdBy), .integer(now),
                  .text(new.remark)])
        guard let id = try db.first("SELECT user_id FROM security_user WHERE lower(user_name) = lower(?)", [.text(new.userName)])?.int("user_id") else {
            throw OMCError(.internal, "the new user '\(new.userName)' was not stored")
        }
        for key in new.roleKeys {
            try db.execute("INSERT INTO security_user_role (user_id, role_id) SELECT ?, role_id FROM security_role WHERE role_key = ?",
                           [.int(id), .text(key)])
            guard db.changedRowCount == 1 else { throw OMCError.invalid("roleKeys", "no role has the key '\(key)'") }
        }
        return Int64(id)
    }

    /// Stores a new password hash; `mustChange` marks it as one the user must replace at next login.
    /// The caller revokes the user's sessions when the password was changed (not merely rehashed).
    static func setPassword(userID: Int64, hash: String, mustChange: Bool, now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("""
            UPDATE security_user SET password_hash = ?, must_change_password = ?, password_changed_at = ?, update_time = ? WHERE user_id = ?
            """, [.text(hash), .bool(mustChange), .integer(now), .integer(now), .integer(userID)])
    }

    /// Replaces a hash with a stronger one of the same password, at login.
    static func rehash(userID: Int64, from old: String, to new: String, in db: any DatabaseConnection) throws {
        try db.execute("UPDATE security_user SET password_hash = ? WHERE user_id = ? AND password_hash = ?",
                       [.text(new), .integer(userID), .text(old)])
    }

    static func recordLogin(userID: Int64, clientAddress: String, now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("UPDATE security_user SET login_ip = ?, login_date = ? WHERE user_id = ?",
                       [.text(clientAddress), .integer(now), .integer(userID)])
    }

    /// The ids of the roles the user holds.
    static func roleIDs(ofUser userID: Int64, in db: any DatabaseConnection) throws -> [Int64] {
        try db.query("SELECT role_id FROM security_user_role WHERE user_id = ?", [.integer(userID)]).compactMap { $0.int("role_id").map(Int64.init) }
    }

    static func count(in db: any DatabaseConnection) throws -> Int {
        try db.first("SELECT count(*) AS n FROM security_user")?.int("n") ?? 0
    }
}
