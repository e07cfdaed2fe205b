import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Security/User: list, info, add, modify, delete, resetPwd, changeStatus (the file routes are in
    /// ``SpreadsheetRoutesTests``), and what each does to sessions.
    @Suite struct UserRoutesTests {
        @Test func addsListsShowsAndChangesUsers() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let east = try await host.addDepartment("East", parent: 100, as: admin)
                let shanghai = try await host.addDepartment("Shanghai", parent: east, as: admin)
                let viewer = try await host.roleID("viewer")
                let posted = try await host.send(.post, "/system/post", json: ["postCode": "ops", "postName": "Ops"] as JSONValue, headers: admin)
                #expect(posted.code == 200)
                let post = try #require(await host.send(.get, "/system/post/list", headers: admin).json?["rows"]?[0]?["postId"]?.stringValue)
                let alice = try await host.addUser("alice", roles: [viewer], department: shanghai,
                                                   extra: ["email": "alice@example.com", "phonenumber": "13800000001", "postIds": [.string(post)], "sex": "2"],
                                                   as: admin)
                _ = try await host.addUser("bob", roles: [], department: east, extra: ["phonenumber": "13800000002"], as: admin)

                let list = await host.send(.get, "/system/user/list?pageSize=10", headers: admin)
                #expect(list.json?["total"]?.intValue == 3 && list.userNames == ["admin", "alice", "bob"])
                let aliceRow = list.json?["rows"]?[1]
                #expect(aliceRow?["dept"]?["deptName"]?.stringValue == "Shanghai" && aliceRow?["roles"] == [.string(String(viewer))])
                #expect(aliceRow?["sex"]?.stringValue == "2" && aliceRow?["createBy"]?.stringValue == "admin" && aliceRow?["delFlag"]?.stringValue == "0")
                #expect(await host.send(.get, "/system/user/list?deptId=\(east)", headers: admin).userNames == ["alice", "bob"], "a department and those below it")
                #expect(await host.send(.get, "/system/user/list?deptId=\(shanghai)", headers: admin).userNames == ["alice"])
                #expect(await host.send(.get, "/system/user/list?phonenumber=0002", headers: admin).userNames == ["bob"])
                #expect(await host.send(.get, "/system/user/list?userName=LIC", headers: admin).userNames == ["alice"])
                #expect(await host.send(.get, "/system/user/list?pageNum=2&pageSize=2", headers: admin).userNames == ["bob"])
                #expect(await host.send(.get, "/system/user/list?status=3", headers: admin).msg == "status: must be 0 or 1")

                let info = await host.send(.get, "/system/user/\(alice)", headers: admin)
                #expect(info.data?["user"]?["userName"]?.stringValue == "alice" && info.data?["user"]?["dept"]?["deptName"]?.stringValue == "Shanghai")
                #expect(info.data?["roleIds"] == [.string(String(viewer))] && info.data?["postIds"] == [.string(post)])
                #expect((info.data?["roles"]?.arrayValue ?? []).count == 7 && (info.data?["posts"]?.arrayValue ?? []).count == 1)
                let blank = await host.send(.get, "/system/user/0", headers: admin)
                #expect(blank.data?["user"] == .object([:]) && blank.data?["roleIds"] == [] && (blank.data?["roles"]?.arrayValue ?? []).count == 7)

                let modify = try await host.send(.put, "/system/user", json: ["userId": .number(Double(alice)), "userName": "alice", "nickName": "Alice L",
                                                                              "deptId": .number(Double(east)), "roleIds": [], "postIds": [], "sex": "2",
                                                                              "status": "1", "email": "alice@example.com"] as JSONValue, headers: admin)
                #expect(modify.code == 200, "\(modify.text)")
                let changed = await host.send(.get, "/system/user/\(alice)", headers: admin)
                #expect(changed.data?["user"]?["nickName"]?.stringValue == "Alice L" && changed.data?["roleIds"] == [] && changed.data?["postIds"] == [])
                #expect(changed.data?["user"]?["phonenumber"]?.stringValue == "", "a modify replaces the contact fields it is given")
                let keepDepartment = try await host.send(.put, "/system/user", json: ["userId": .string(String(alice)), "userName": "alice", "nickName": "Alice L",
                                                                                      "email": "alice@example.com", "sex": "2"] as JSONValue, headers: admin)
                #expect(keepDepartment.code == 200)
                #expect(await host.send(.get, "/system/user/\(alice)", headers: admin).data?["user"]?["deptId"]?.stringValue == String(east),
                        "without deptId the account keeps its department")
                let rename = try await host.send(.put, "/system/user", json: ["userId": .string(String(alice)), "userName": "alicia"] as JSONValue, headers: admin)
                #expect(rename.msg == "userName: cannot be changed (the account is 'alice')")
                let phoneClash = try await host.send(.put, "/system/user", json: ["userId": .string(String(alice)), "userName": "alice",
                                                                                  "phonenumber": "13800000002", "deptId": .string(String(east))] as JSONValue,
                                                     headers: admin)
                #expect(phoneClash.msg == "Failed to modify user [alice], the mobile phone number already exists")
            }
        }

        static let badUsers: [([String: JSONValue], String)] = [
            (["userName": "1abc"], "userName: must be 2 to 30 characters: letters, digits, '_', '.', '-' or '@', starting with a letter"),
            (["userName": "a b"], "userName: must be 2 to 30 characters: letters, digits, '_', '.', '-' or '@', starting with a letter"),
            (["password": "short"], "password: must be at least 8 characters"),
            (["password": "alllowercase1!"], "password: must contain upper and lower case letters, digits and special characters"),
            (["password": "Carol#Pass1"], "password: must not contain the user name"),
            (["email": "carol@"], "email: must be an e-mail address like name@example.com"),
            (["phonenumber": "12"], "phonenumber: must be a phone number: 5 to 20 digits, optionally led by +"),
            (["sex": "3"], "sex: must be 0, 1 or 2"),
            (["roleIds": ["x"]], "roleIds[0]: must be a positive integer id"),
            (["roleIds": ["999"]], "roleIds: no role with id 999"),
            (["postIds": [999]], "postIds: no position with id 999"),
            (["deptId": "999"], "deptId: no department with id 999"),
            (["userName": "ADMIN"], "Failed to add user [ADMIN], the login account already exists"),
        ]

        @Test(arguments: badUsers)
        func refusesBadUsers(_ overrides: [String: JSONValue], _ message: String) async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                var body: [String: JSONValue] = ["userName": "carol", "nickName": "Carol", "password": "Good#Pass123", "deptId": "100", "roleIds": [], "postIds": []]
                for (key, value) in overrides { body[key] = value }
                let answer = try await host.send(.post, "/system/user", json: JSONValue.object(body), headers: admin)
                #expect(answer.code == 500 && answer.msg == message, "\(answer.text)")
                #expect(try await host.database.read { db in try db.first("SELECT count(*) AS n FROM security_user")?.int("n") } == 1)
            }
        }

        @Test func disablingResettingAndDeletingEndSessions() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let viewer = try await host.roleID("viewer")
                let dave = try await host.addUser("dave", roles: [viewer], as: admin)
                var session = try await host.session("dave", "User#Pass123")
                #expect(await host.send(.get, "/getInfo", headers: session).code == 200)

                let disabled = try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(dave)), "status": "0"] as JSONValue, headers: admin)
                #expect(disabled.code == 200)
                #expect(await host.send(.get, "/getInfo", headers: session).status == 401, "disabling ends the session at once")
                #expect(try await host.login("dave", "User#Pass123").msg == "the account is disabled; ask an administrator")
                _ = try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(dave)), "status": "1"] as JSONValue, headers: admin)

                session = try await host.session("dave", "User#Pass123")
                let weak = try await host.send(.put, "/system/user/resetPwd", json: ["userId": .string(String(dave)), "password": "weak"] as JSONValue, headers: admin)
                #expect(weak.msg == "password: must be at least 8 characters")
                #expect(await host.send(.get, "/getInfo", headers: session).code == 200, "a refused reset changes nothing")
                let reset = try await host.send(.put, "/system/user/resetPwd", json: ["userId": .string(String(dave)), "password": "Fresh#Pass456"] as JSONValue,
                                                headers: admin)
                #expect(reset.code == 200)
                #expect(await host.send(.get, "/getInfo", headers: session).status == 401, "a reset ends the session at once")
                #expect(try await host.login("dave", "User#Pass123").code == 500)
                let fresh = try await host.login("dave", "Fresh#Pass456")
                #expect(fresh.data?["mustChangePassword"]?.boolValue == true, "a reset password must be changed at the next login")

                session = try await host.session("dave", "Fresh#Pass456")
                #expect(await host.send(.delete, "/system/user/\(dave)", headers: admin).code == 200)
                #expect(await host.send(.get, "/getInfo", headers: session).status == 401, "deletion ends the session at once")
                #expect(await host.send(.get, "/system/user/\(dave)", headers: admin).status == 404)
            }
        }

        @Test func nobodyDeletesOrDisablesThemselvesOrTheBuiltInAdmin() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let adminID = try await host.userID("admin")
                let adminRole = try await host.roleID("admin")
                let second = try await host.addUser("second", roles: [adminRole], as: admin)
                let other = try await host.addUser("other", roles: [], as: admin)
                let secondSession = try await host.session("second", "User#Pass123")

                #expect(await host.send(.delete, "/system/user/\(adminID)", headers: admin).msg == "you cannot delete your own account; nothing was deleted")
                #expect(await host.send(.delete, "/system/user/\(other),\(adminID)", headers: secondSession).msg
                        == "the built-in account 'admin' cannot be deleted; nothing was deleted")
                #expect(await host.send(.get, "/system/user/\(other)", headers: admin).code == 200, "all or none: other is still there")
                let disableSelf = try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(second)), "status": "0"] as JSONValue,
                                                      headers: secondSession)
                #expect(disableSelf.msg == "you cannot disable or lock your own account")
                let disableAdmin = try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(adminID)), "status": "0"] as JSONValue,
                                                       headers: secondSession)
                #expect(disableAdmin.msg == "the built-in account 'admin' cannot be disabled or locked")
                let demote = try await host.send(.put, "/system/user", json: ["userId": .string(String(adminID)), "userName": "admin", "roleIds": [],
                                                                              "deptId": "100"] as JSONValue, headers: secondSession)
                #expect(demote.msg == "roleIds: the account 'admin' keeps the admin role")
                #expect(await host.send(.delete, "/system/user/\(other),9999", headers: admin).msg == "no user with id 9999")
                #expect(await host.send(.delete, "/system/user/\(other),\(second)", headers: admin).code == 200)
                #expect(await host.send(.get, "/system/user/list", headers: admin).userNames == ["admin"])
            }
        }
    }
}
