import Foundation
import PluginAPI

/// `/system/user/profile…`: the caller's own account. Every caller with a session may use these,
/// whatever their roles, including one who must change their password first.
enum ProfileRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/system/user/profile", permission: .authenticated, summary: "The caller's profile", answer: .data(.anyValue)) { request, context in
            let userID = try SessionRoutes.callerAccount(request)
            struct Profile: Encodable, Sendable {
                let user: UserView
                let roleGroup: [String]
                let postGroup: [String]
            }
            let profile = try await context.database.read { db -> Profile? in
                guard let user = try UserView.load(userID: userID, in: db) else { return nil }
                let posts = try db.query("""
                    SELECT p.post_name FROM security_post p JOIN security_user_post up ON up.post_id = p.post_id
                    WHERE up.user_id = ? ORDER BY p.post_sort, p.post_id
                    """, [.integer(userID)]).compactMap { $0.string("post_name") }
                return Profile(user: user, roleGroup: user.roles.map(\.roleName), postGroup: posts)
            }
            guard let profile else { throw OMCError(.unauthenticated, "the account no longer exists") }
            return .success(profile)
        }
        plugin.route(.put, "/system/user/profile", permission: .authenticated, summary: "Change the caller's profile",
                     bodyLimit: 4096,
                     body: .json(.object(["nickName": .string(description: "1 to 30 characters"), "email": .string(description: "An e-mail address, at most 50 characters"),
                                          "phonenumber": .string(description: "5 to 20 digits, optionally led by +"),
                                          "sex": .string(description: "0 unknown, 1 male, 2 female")],
                                         required: ["nickName", "sex"], name: "ProfileChange")),
                     answer: .message) { request, context in
            let userID = try SessionRoutes.callerAccount(request)
            let change = try await request.decode(ProfileChange.self).validated()
            let now = Milliseconds.of(context.clock.now())
            let userName = request.caller?.userName ?? ""
            try await context.database.write { db in
                if !change.phoneNumber.isEmpty, try db.first("SELECT 1 AS taken FROM security_user WHERE phonenumber = ? AND user_id <> ?",
                                                             [.text(change.phoneNumber), .integer(userID)]) != nil {
                    throw OMCError(.conflict, "Failed to modify user [\(userName)], the mobile phone number already exists")
                }
                if !change.email.isEmpty, try db.first("SELECT 1 AS taken FROM security_user WHERE lower(email) = lower(?) AND user_id <> ?",
                                                       [.text(change.email), .integer(userID)]) != nil {
                    throw OMCError(.conflict, "Failed to modify user [\(userName)], the email account already exists")
                }
                try db.execute("""
                    UPDATE security_user SET nick_name = ?, email = ?, phonenumber = ?, sex = ?, update_by = ?, update_time = ? WHERE user_id = ?
                    """, [.text(change.nickName), .text(change.email), .text(change.phoneNumber), .text(change.sex), .text(userName),
                          .integer(now), .integer(userID)])
            }
            return .success()
        }
        plugin.route(.put, "/system/user/profile/updatePwd", permission: .authenticated, summary: "Change the caller's password",
                     bodyLimit: 4096,
                     body: .json(.object(["oldPassword": .string(), "newPassword": .string(description: "Following the site's password policy")],
                                         required: ["oldPassword", "newPassword"], name: "PasswordChange")),
                     answer: .message) { request, context in
            try await changePassword(request, context, state: state)
        }
    }

    /// The body of `PUT /system/user/profile`.
    struct ProfileChange: Decodable {
        let nickName: String
        let email: String?
        let phonenumber: String?
        let sex: String

        struct Valid {
            let nickName: String
            let email: String
            let phoneNumber: String
            let sex: String
        }

        func validated() throws(OMCError) -> Valid {
            let nick = nickName.trimmingCharacters(in: .whitespaces)
            guard (1...30).contains(nick.count) else { throw OMCError.invalid("nickName", "must be 1 to 30 characters") }
            // The same rules as the user administration routes, so both screens accept the same data.
            let mail = (email ?? "").trimmingCharacters(in: .whitespaces)
            guard mail.isEmpty || (mail.count <= 50 && ContactRules.isEmail(mail)) else {
                throw OMCError.invalid("email", "must be an e-mail address like name@example.com, at most 50 characters")
            }
            let phone = (phonenumber ?? "").trimmingCharacters(in: .whitespaces)
            guard phone.isEmpty || (phone.count <= 20 && ContactRules.isPhone(phone)) else {
                throw OMCError.invalid("phonenumber", "must be a phone number: 5 to 20 digits, optionally led by +")
            }
            guard ["0", "1", "2"].contains(sex) else { throw OMCError.invalid("sex", "must be 0 (unknown), 1 (male) or 2 (female)") }
            return Valid(nickName: nick, email: mail, phoneNumber: phone, sex: sex)
        }
    }

    static func changePassword(_ request: OMCRequest, _ context: PluginContext, state: SecurityState) async throws -> OMCResponse {
        struct PasswordChange: Decodable {
            let oldPassword: String
            let newPassword: String
        }
        let userID = try SessionRoutes.callerAccount(request)
        let change = try await request.decode(PasswordChange.self)
        guard let account = try await context.database.read({ db in try UserStore.find(userID: userID, in: db) }) else {
            throw OMCError(.unauthenticated, "the account no longer exists")
        }
        guard await state.hasher.verify(change.oldPassword, against: account.passwordHash) else {
            throw OMCError.invalid("oldPassword", "Failed to change password, old password is wrong")
        }
        guard change.newPassword != change.oldPassword else {
            throw OMCError.invalid("newPassword", "The new password cannot be the same as the old password")
        }
        if let problem = state.settings.passwordPolicy.problem(change.newPassword, userName: account.userName) {
            throw OMCError.invalid("newPassword", problem)
        }
        let hash = try await state.hasher.hash(change.newPassword)
        let now = Milliseconds.of(context.clock.now())
        try await context.database.write { db in
            try UserStore.setPassword(userID: userID, hash: hash, mustChange: false, now: now, in: db)
            // Every session of the account ends, this one included: the old password's sessions die with it.
            try SessionStore.revokeAll(userID: userID, in: db)
        }
        state.userChanged(userID)
        return .success()
    }
}
