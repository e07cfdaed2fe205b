import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// What an administrator meets when creating accounts: the new ids come back, and an account they
    /// create must change its initial password at first login unless the site says otherwise.
    @Suite struct AccountCreationTests {
        @Test func addingAUserOrARoleAnswersTheNewID() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let role = try await host.send(.post, "/system/role", json: ["roleName": "Night shift", "roleKey": "night", "roleSort": 5, "status": "1",
                                                                         "permissions": ["system:dept:list"]] as JSONValue, headers: admin)
                let roleID = try #require(role.data?["roleId"]?.stringValue, "\(role.text)")
                #expect(roleID == String(try await host.roleID("night")))
                let user = try await host.send(.post, "/system/user", json: ["userName": "night1", "nickName": "Night", "password": "Night#Pass123",
                                                                         "deptId": "100", "roleIds": [.string(roleID)], "postIds": []] as JSONValue,
                                           headers: admin)
                let userID = try #require(user.data?["userId"]?.stringValue, "\(user.text)")
                #expect(userID == String(try await host.userID("night1")))
            }
        }

        @Test(arguments: [(nil as String?, true), ("true", true), ("false", false)])
        func anAccountAnAdministratorCreatesChangesItsPasswordAtFirstLogin(setting: String?, mustChange: Bool) async throws {
            try await SecurityHost.start(setting.map { ["initialPasswordChange": $0] } ?? ["initialPasswordChange": "true"]).use { host async throws in
                let admin = try await host.admin()
                let role = try await host.addRole("lister", permissions: ["system:dept:list"], as: admin)
                try await host.addUser("fresh1", password: "Fresh#Pass123", roles: [role], as: admin)
                let login = try await host.login("fresh1", "Fresh#Pass123")
                #expect(login.data?["mustChangePassword"]?.boolValue == mustChange, "\(login.text)")
                let session = try await host.session("fresh1", "Fresh#Pass123")
                let list = await host.send(.get, "/system/dept/list", headers: session)
                #expect(list.status == (mustChange ? 403 : 200), "\(list.text)")
                if mustChange {
                    #expect(list.msg?.contains("updatePwd") == true)
                    let token = try await host.send(.post, "/system/user/token", json: ["name": "early", "expiresInDays": 1,
                                                                                   "permissions": ["system:dept:list"]] as JSONValue, headers: session)
                    #expect(token.status == 403, "a token must not bypass the password change: \(token.text)")
                    let changed = try await host.send(.put, "/system/user/profile/updatePwd",
                                                  json: ["oldPassword": "Fresh#Pass123", "newPassword": "Chosen#Pass456"], headers: session)
                    #expect(changed.code == 200, "\(changed.text)")
                    let again = try await host.session("fresh1", "Chosen#Pass456")
                    #expect(await host.send(.get, "/system/dept/list", headers: again).code == 200)
                }
            }
        }
    }
}
