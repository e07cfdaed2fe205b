import PluginAPI

/// Writes of `security_user` and its links for the user routes, the import and the user-management
/// API. The rules every write keeps:
/// - the target must be in the caller's data scope ("No permission to access user data");
/// - the caller must hold every right the target's roles, and the roles given, grant (``GrantRule``);
/// - nobody changes their own roles or department;
/// - nobody deletes or disables themselves; the built-in `admin` is never deleted, disabled or
///   locked and keeps the admin role;
/// - a lock, disable, deletion or new password ends the user's sessions in the same transaction;
///   the route then calls ``SecurityState/userChanged(_:)``.
enum UserAdmin {
    static let noPermission: LocalizedMessage = "No permission to access user data"

    /// The first-start account (`admin`, created by the system).
    static func isBuiltInAdministrator(_ account: UserAccount) -> Bool {
        account.userName.lowercased() == "admin" && account.createdBy == "system"
    }

    /// The account `id`, in `scope` and not holding rights beyond `rights`, or the refusal.
    static func target(_ id: Int64, scope: DataScope, rights: UserRights, in db: any DatabaseConnection) throws -> UserAccount {
        guard let account = try UserStore.find(userID: id, in: db), !account.deleted else { throw OMCError.notFound("no user with id \(id)") }
        guard scope.includes(departmentID: account.departmentID, ownerID: account.userID) else { throw OMCError(.forbidden, noPermission) }
        do {
            try GrantRule.requireGrantable(roles: try UserStore.roleIDs(ofUser: id, in: db), by: rights, in: db)
        } catch {
            throw OMCError(.forbidden, "you cannot change the account '\(account.userName)': its roles grant rights your own roles do not give you")
        }
        return account
    }

    /// Checks the department, roles and posts a new or changed account is given.
    static func checkLinks(_ fields: UserFields, scope: DataScope, rights: UserRights, in db: any DatabaseConnection) throws {
        if let department = fields.departmentID {
            guard try db.first("SELECT 1 AS found FROM security_dept WHERE dept_id = ? AND del_flag = '0'", [.integer(department)]) != nil else {
                throw OMCError.invalid("deptId", "no department with id \(department)")
            }
            guard scope.seesDepartment(department) else { throw OMCError(.forbidden, DepartmentAdmin.noPermission) }
        } else if !scope.everything {
            throw OMCError.invalid("deptId", "is required: your data scope covers only some departments")
        }
        for role in fields.roleIDs ?? [] {
            guard try db.first("SELECT 1 AS found FROM security_role WHERE role_id = ? AND del_flag = '0'", [.integer(role)]) != nil else {
                throw OMCError.invalid("roleIds", "no role with id \(role)")
            }
        }
        try GrantRule.requireGrantable(roles: fields.roleIDs ?? [], by: rights, in: db)
        for post in fields.postIDs ?? [] {
            guard try db.first("SELECT 1 AS found FROM security_post WHERE post_id = ?", [.integer(post)]) != nil else {
                throw OMCError.invalid("postIds", "no position with id \(post)")
            }
        }
    }

    /// Refuses a user name, phone number or e-mail address another account has.
    static func requireUnique(_ fields: UserFields, excluding id: Int64?, failure: LocalizedMessage, in db: any DatabaseConnection) throws {
        let other = SQLValue.integer(id ?? 0)
        if try db.first("SELECT 1 AS found FROM security_user WHERE lower(user_name) = lower(?) AND user_id <> ?", [.text(fields.userName), other]) != nil {
            throw OMCError(.conflict, "\(failure), the login account already exists")
        }
        if !fields.phoneNumber.isEmpty,
           try db.first("SELECT 1 AS found FROM security_user WHERE phonenumber = ? AND user_id <> ?", [.text(fields.phoneNumber), other]) != nil {
            throw OMCError(.conflict, "\(failure), the mobile phone number already exists")
        }
        if !fields.email.isEmpty,
           try db.first("SELECT 1 AS found FROM security_user WHERE lower(email) = lower(?) AND user_id <> ?", [.text(fields.email), other]) != nil {
            throw OMCError(.conflict, "\(failure), the mailbox already exists")
        }
    }

    /// Inserts an account with a ready hash; returns its id.
    @discardableResult
    static func add(_ fields: UserFields, passwordHash: String, mustChangePassword: Bool = false, locked: Bool = false,
                    by admin: Administrator, scope: DataScope, rights: UserRights, now: Int64, in db: any DatabaseConnection) throws -> Int64 {
        try requireUnique(fields, excluding: nil, failure: "Failed to add user [\(fields.userName)]", in: db)
        try checkLinks(fields, scope: scope, rights: rights, in: db)
        let id = try UserStore.create(.init(userName: fields.userName, nickName: fields.nickName, departmentID: fields.departmentID,
                                            passwordHash: passwordHash, mustChangePassword: mustChangePassword, adminLocked: locked,
                                            roleKeys: [], createdBy: admin.userName, remark: fields.remark), now: now, in: db)
        try db.execute("""
            UPDATE security_user SET email = ?, phonenumber = ?, sex = ?, status = ?, user_type = ?, avatar = ? WHERE user_id = ?
            """, [.text(fields.email), .text(fields.phoneNumber), .text(fields.sex), .text(fields.status), .text(fields.userType),
                  .text(fields.avatar ?? ""), .integer(id)])
        try setLinks(id, roles: fields.roleIDs ?? [], posts: fields.postIDs ?? [], in: db)
        return id
    }

    /// Changes an account's details, department (when given), roles (when given) and posts (when given).
    static func modify(_ id: Int64, _ given: UserFields, by admin: Administrator, scope: DataScope, rights: UserRights, now: Int64,
                       in db: any DatabaseConnection) throws {
        let account = try target(id, scope: scope, rights: rights, in: db)
        if id == admin.userID { try requireSameRightsOfOwnAccount(given, account, in: db) }
        var fields = given
        // Without deptId the account stays in its department.
        if fields.departmentID == nil { fields.departmentID = account.departmentID }
        let failure: LocalizedMessage = "Failed to modify user [\(fields.userName)]"
        guard fields.userName.lowercased() == account.userName.lowercased() else {
            throw OMCError.invalid("userName", "cannot be changed (the account is '\(account.userName)')")
        }
        if fields.status == "0" { try requireMayDisable(account, by: admin) }
        if isBuiltInAdministrator(account), let roles = fields.roleIDs,
           try db.first("SELECT role_id FROM security_role WHERE role_key = 'admin'")?.int("role_id").map({ roles.contains(Int64($0)) }) == false {
            throw OMCError.invalid("roleIds", "the account 'admin' keeps the admin role")
        }
        try requireUnique(fields, excluding: id, failure: failure, in: db)
        try checkLinks(fields, scope: scope, rights: rights, in: db)
        try db.execute("""
            UPDATE security_user SET nick_name = ?, email = ?, phonenumber = ?, sex = ?, status = ?, remark = ?, dept_id = ?, user_type = ?,
                avatar = coalesce(?, avatar), update_by = ?, update_time = ? WHERE user_id = ?
            """, [.text(fields.nickName), .text(fields.email), .text(fields.phoneNumber), .text(fields.sex), .text(fields.status),
                  .text(fields.remark), fields.departmentID.map(SQLValue.integer) ?? .null, .text(fields.userType), .text(fields.avatar),
                  .text(admin.userName), .integer(now), .integer(id)])
        if let roles = fields.roleIDs { try setRoles(id, roles, in: db) }
        if let posts = fields.postIDs { try setPosts(id, posts, in: db) }
        if fields.status == "0" { try SessionStore.revokeAll(userID: id, in: db) }
    }

    static func setStatus(_ id: Int64, _ status: String, by admin: Administrator, scope: DataScope, rights: UserRights, now: Int64,
                          in db: any DatabaseConnection) throws {
        let account = try target(id, scope: scope, rights: rights, in: db)
        if status == "0" { try requireMayDisable(account, by: admin) }
        try db.execute("UPDATE security_user SET status = ?, update_by = ?, update_time = ? WHERE user_id = ?",
                       [.text(status), .text(admin.userName), .integer(now), .integer(id)])
        if status == "0" { try SessionStore.revokeAll(userID: id, in: db) }
    }

    /// Locks (`almapPwdLocked=TRUE`) or unlocks an account.
    static func setLocked(_ id: Int64, _ locked: Bool, by admin: Administrator, scope: DataScope, rights: UserRights, now: Int64,
                          in db: any DatabaseConnection) throws {
        let account = try target(id, scope: scope, rights: rights, in: db)
        if locked { try requireMayDisable(account, by: admin) }
        try db.execute("UPDATE security_user SET admin_locked = ?, update_by = ?, update_time = ? WHERE user_id = ?",
                       [.bool(locked), .text(admin.userName), .integer(now), .integer(id)])
        if locked { try SessionStore.revokeAll(userID: id, in: db) }
    }

    /// Stores a new password hash and ends the user's sessions.
    static func setPassword(_ id: Int64, hash: String, mustChange: Bool, scope: DataScope, rights: UserRights, now: Int64,
                            in db: any DatabaseConnection) throws {
        _ = try target(id, scope: scope, rights: rights, in: db)
        try UserStore.setPassword(userID: id, hash: hash, mustChange: mustChange, now: now, in: db)
        try SessionStore.revokeAll(userID: id, in: db)
    }

    /// Deletes every account of `ids` or none: a missing, protected or out-of-scope one refuses the whole request.
    static func delete(_ ids: [Int64], by admin: Administrator, scope: DataScope, rights: UserRights, in db: any DatabaseConnection) throws {
        for id in ids {
            let account = try target(id, scope: scope, rights: rights, in: db)
            guard id != admin.userID else { throw OMCError(.invalidInput, "you cannot delete your own account; nothing was deleted") }
            guard !isBuiltInAdministrator(account) else {
                throw OMCError(.invalidInput, "the built-in account 'admin' cannot be deleted; nothing was deleted")
            }
        }
        for id in ids { try SessionStore.revokeAll(userID: id, in: db) }
        try IDList.deleteAll(ids, table: "security_user", column: "user_id", what: "user", in: db)
    }

    /// Nobody changes their own roles, nor their own department (which department-based data scopes
    /// widen or narrow on): giving the same values again, as an edit screen does, is allowed.
    private static func requireSameRightsOfOwnAccount(_ fields: UserFields, _ account: UserAccount, in db: any DatabaseConnection) throws {
        if let roles = fields.roleIDs {
            guard Set(roles) == Set(try UserStore.roleIDs(ofUser: account.userID, in: db)) else {
                throw OMCError(.forbidden, "roleIds: you cannot change your own roles; ask another administrator")
            }
        }
        if let department = fields.departmentID, department != account.departmentID {
            throw OMCError(.forbidden, "deptId: you cannot move your own account to another department; ask another administrator")
        }
    }

    private static func requireMayDisable(_ account: UserAccount, by admin: Administrator) throws {
        guard account.userID != admin.userID else { throw OMCError(.invalidInput, "you cannot disable or lock your own account") }
        guard !isBuiltInAdministrator(account) else { throw OMCError(.invalidInput, "the built-in account 'admin' cannot be disabled or locked") }
    }

    static func setLinks(_ id: Int64, roles: [Int64], posts: [Int64], in db: any DatabaseConnection) throws {
        try setRoles(id, roles, in: db)
        try setPosts(id, posts, in: db)
    }

    static func setRoles(_ id: Int64, _ roles: [Int64], in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_user_role WHERE user_id = ?", [.integer(id)])
        for role in roles { try db.execute("INSERT INTO security_user_role (user_id, role_id) VALUES (?, ?)", [.integer(id), .integer(role)]) }
    }

    private static func setPosts(_ id: Int64, _ posts: [Int64], in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_user_post WHERE user_id = ?", [.integer(id)])
        for post in posts { try db.execute("INSERT INTO security_user_post (user_id, post_id) VALUES (?, ?)", [.integer(id), .integer(post)]) }
    }
}
