import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// The user-management API under `/oms1350/data/plat/usermgt/`: its shapes, profiles, reset and lock flags, imported hashes.
    @Suite struct UserManagementAPITests {
        static let base = "/oms1350/data/plat/usermgt"
        /// `openssl passwd -6 -salt Xq8TzP1b 'Nokia1.!Imported'`.
        static let importedHash = "$6$Xq8TzP1b$3XXT4pjHLx/pSWkDrTtzzX2paJJvJFYoYXZiWBjxkFnkgsmReYpm3aZ89IlHenNohD5TkSls73t8JZp2fM6sD."

        @Test func createsListsUpdatesAndDeletesUsers() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let created = try await host.send(.post, Self.base + "/createuser", json: ["name": "prova3", "almapOsprofiles": "Administrator",
                                                                                         "userPassword": "Nokia1.!Pass", "almapPwdReset": "TRUE",
                                                                                         "almapPwdLocked": "FALSE"], headers: admin)
                #expect(created.status == 200 && created.json?["ok"]?.boolValue == true)
                let id = try #require(created.json?["id"]?.stringValue)
                #expect(created.json?["responseList"] == .null && created.json?["HTTPResponse"]?.intValue == 200 && created.json?["httpresponse"]?.intValue == 200)
                #expect(id == String(try await host.userID("prova3")))

                let users = await host.send(.get, Self.base + "/users", headers: admin)
                let prova = try #require(users.json?.arrayValue?.first { $0["uid"]?.stringValue == "prova3" })
                #expect(prova["almapOsprofiles"]?.stringValue == "Administrator" && prova["almapPwdReset"]?.stringValue == "TRUE")
                #expect(prova["almapPwdLocked"]?.stringValue == "FALSE" && prova["cn"]?.stringValue == "prova3" && prova["id"]?.intValue == Int(id))
                #expect(prova["userPassword"] == .null && prova["memberOf"] == .null, "hashes never leave the OMC")
                #expect(users.text.contains("$y$") == false && users.text.contains("Nokia1.!Pass") == false)

                // almapPwdReset=TRUE: the first login must change the password before anything else.
                let first = try await host.session("prova3", "Nokia1.!Pass")
                #expect(await host.send(.get, "/system/user/list", headers: first).status == 403)
                #expect(try await host.login("prova3", "Nokia1.!Pass").data?["mustChangePassword"]?.boolValue == true)

                let update = try await host.send(.post, Self.base + "/updateuser", json: ["name": "prova3", "attrlist": [["almapOsprofiles": "Viewer"],
                                                                                                                          ["almapPwdReset": "FALSE"]]] as JSONValue,
                                                 headers: admin)
                #expect(update.json?["ok"]?.boolValue == true && update.json?["responseMessage"]?.stringValue == "update User Passed")
                let viewer = try await host.session("prova3", "Nokia1.!Pass")
                #expect(await host.send(.get, "/system/user/list", headers: viewer).code == 200)
                #expect(try await host.send(.post, "/system/post", json: ["postCode": "x", "postName": "x"], headers: viewer).status == 403)

                // almapPwdLocked=TRUE ends the sessions and refuses logins until unlocked.
                let lock = try await host.send(.post, Self.base + "/updateuser", json: ["name": "prova3", "almapPwdLocked": "TRUE"], headers: admin)
                #expect(lock.json?["ok"]?.boolValue == true)
                #expect(await host.send(.get, "/getInfo", headers: viewer).status == 401)
                #expect(try await host.login("prova3", "Nokia1.!Pass").msg == "the account is locked by an administrator; ask an administrator")
                #expect(await host.send(.get, Self.base + "/users", headers: admin).json?.arrayValue?.first { $0["uid"]?.stringValue == "prova3" }?["almapPwdLocked"]?
                    .stringValue == "TRUE")
                _ = try await host.send(.post, Self.base + "/updateuser", json: ["name": "prova3", "attrlist": [["almapPwdLocked": "FALSE"]]] as JSONValue,
                                        headers: admin)
                #expect(try await host.login("prova3", "Nokia1.!Pass").code == 200)

                let deleted = await host.send(.delete, Self.base + "/deleteuser/\(id)", headers: admin)
                #expect(deleted.json?["ok"]?.boolValue == true && deleted.json?["id"]?.stringValue == id)
                let again = await host.send(.delete, Self.base + "/deleteuser/\(id)", headers: admin)
                #expect(again.status == 404 && again.json?["ok"]?.boolValue == false && again.json?["responseMessage"]?.stringValue == "no user with id \(id)")
                #expect(again.json?["HTTPResponse"]?.intValue == 404)
            }
        }

        @Test func importsCryptHashesThatLogIn() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let plain = try await host.send(.post, Self.base + "/createuser", json: ["name": "imported", "almapOsprofiles": "Operator",
                                                                                       "userPassword": "{CRYPT}" + Self.importedHash, "almapPwdReset": "FALSE",
                                                                                       "almapPwdLocked": "FALSE"], headers: admin)
                #expect(plain.json?["ok"]?.boolValue == true, "\(plain.text)")
                #expect(try await host.login("imported", "Nokia1.!Imported").code == 200)
                #expect(try await host.login("imported", "Nokia1.!Wrong").code == 500)

                // The base64 form the users list of the document shows is accepted too.
                let encoded = Data(("{CRYPT}" + Self.importedHash).utf8).base64EncodedString()
                let base64 = try await host.send(.post, Self.base + "/createuser", json: ["name": "imported2", "almapOsprofiles": "Viewer",
                                                                                        "userPassword": encoded], headers: admin)
                #expect(base64.json?["ok"]?.boolValue == true)
                #expect(try await host.login("imported2", "Nokia1.!Imported").code == 200)

                let broken = try await host.send(.post, Self.base + "/createuser", json: ["name": "broken", "almapOsprofiles": "Viewer",
                                                                                        "userPassword": "{CRYPT}$9$x$y"], headers: admin)
                #expect(broken.status == 400 && broken.json?["ok"]?.boolValue == false)
            }
        }

        static let badCreations: [([String: JSONValue], String)] = [
            (["name": "1x", "almapOsprofiles": "Viewer", "userPassword": "Nokia1.!Pass"] as [String: JSONValue],
             "name: must be 2 to 30 characters: letters, digits, '_', '.', '-' or '@', starting with a letter"),
            (["name": "newbie", "almapOsprofiles": "Janitor", "userPassword": "Nokia1.!Pass"],
             "almapOsprofiles: no profile named 'Janitor' (Administrator, Constructor, Operator, Viewer, or a role's key)"),
            (["name": "newbie", "userPassword": "Nokia1.!Pass"], "almapOsprofiles: is required"),
            (["name": "newbie", "almapOsprofiles": "Viewer"], "userPassword: is required"),
            (["name": "newbie", "almapOsprofiles": "Viewer", "userPassword": "short"], "userPassword: must be at least 8 characters"),
            (["name": "newbie", "almapOsprofiles": "Viewer", "userPassword": "Nokia1.!Pass", "almapPwdLocked": "maybe"], "almapPwdLocked: must be TRUE or FALSE"),
            (["name": "admin", "almapOsprofiles": "Viewer", "userPassword": "Nokia1.!Pass"], "Failed to add user [admin], the login account already exists"),
        ]

        @Test(arguments: badCreations)
        func refusesBadCreations(_ body: [String: JSONValue], _ message: String) async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let answer = try await host.send(.post, Self.base + "/createuser", json: JSONValue.object(body), headers: admin)
                #expect(answer.json?["ok"]?.boolValue == false && answer.json?["responseMessage"]?.stringValue == message, "\(answer.text)")
                #expect(answer.json?["HTTPResponse"]?.intValue == answer.status && answer.status >= 400)
                #expect(await host.send(.get, Self.base + "/users", headers: admin).json?.arrayValue?.count == 1)
            }
        }

        @Test func needsASessionAndTheRights() async throws {
            try await SecurityHost.start(["registrationEnabled": "true"]).use { host async throws in
                _ = try await host.admin()
                #expect(await host.send(.get, Self.base + "/users").status == 401)
                let viewer = try await host.registered("viewer1")
                let create = try await host.send(.post, Self.base + "/createuser", json: ["name": "sneaky", "almapOsprofiles": "Administrator",
                                                                                        "userPassword": "Nokia1.!Pass"], headers: viewer)
                #expect(create.status == 403)
                #expect(try await host.send(.post, Self.base + "/updateuser", json: ["name": "viewer1", "almapOsprofiles": "Administrator"], headers: viewer)
                    .status == 403)
            }
        }
    }
}
