import PluginAPI

/// `GET /system/user/{userId}`: the user, the ids of their roles and positions, and every role and
/// position the form offers.
struct UserDetail: Sendable, Encodable {
    let user: UserView?
    let roleIds: [String]
    let postIds: [String]
    let roles: [RoleRecord]
    let posts: [PositionRecord]

    enum CodingKeys: String, CodingKey { case user, roleIds, postIds, roles, posts }

    /// The new-user form answers `"user": {}`, as the document's second example does.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let user { try container.encode(user, forKey: .user) } else { try container.encode([String: String](), forKey: .user) }
        try container.encode(roleIds, forKey: .roleIds)
        try container.encode(postIds, forKey: .postIds)
        try container.encode(roles, forKey: .roles)
        try container.encode(posts, forKey: .posts)
    }

    /// `id` 0 is the form for a new user: no user, every choice.
    static func load(_ id: Int64, scope: DataScope, in db: any DatabaseConnection) throws -> UserDetail {
        let roles = try db.query("SELECT * FROM security_role WHERE del_flag = '0' ORDER BY role_sort, role_id", []).map(RoleRecord.init)
        let posts = try db.query("SELECT * FROM security_post ORDER BY post_sort, post_id", []).map(PositionRecord.init)
        guard id != 0 else { return UserDetail(user: nil, roleIds: [], postIds: [], roles: roles, posts: posts) }
        guard let account = try UserStore.find(userID: id, in: db), !account.deleted else { throw OMCError.notFound("no user with id \(id)") }
        guard scope.includes(departmentID: account.departmentID, ownerID: account.userID) else { throw OMCError(.forbidden, UserAdmin.noPermission) }
        let roleIDs = try db.query("SELECT role_id FROM security_user_role WHERE user_id = ? ORDER BY role_id", [.integer(id)]).compactMap { $0.string("role_id") }
        let postIDs = try db.query("SELECT post_id FROM security_user_post WHERE user_id = ? ORDER BY post_id", [.integer(id)]).compactMap { $0.string("post_id") }
        return UserDetail(user: try UserView.load(userID: id, in: db), roleIds: roleIDs, postIds: postIDs, roles: roles, posts: posts)
    }
}
