import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Issue 19, item 2: a user allowed to edit roles and users cannot drop their own denials, widen
    /// what they hold through a wildcard, or give themselves roles, by any route.
    @Suite struct OwnRightsTests {
        static let ownRole = ["system:*:*", "udm:*:*", "!udm:auth:secret"]

        /// Admin makes the role of the issue and a user `mallory` holding it; returns her session and ids.
        static func mallory(_ host: MockHost, admin: [String: String]) async throws -> (session: [String: String], role: Int64, user: Int64) {
            let role = try await host.addRole("udm-ops", permissions: ownRole, as: admin)
            let user = try await host.addUser("mallory", roles: [role], as: admin)
            return (try await host.session("mallory", "User#Pass123"), role, user)
        }

        static func permissions(of role: Int64, _ host: MockHost, admin: [String: String]) async -> [String] {
            (await host.send(.get, "/system/role/\(role)", headers: admin).data?["permissions"]?.arrayValue ?? []).compactMap(\.stringValue)
        }

        @Test func aUserCannotRewriteTheRoleTheyHoldWithoutItsDenial() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let (mallory, role, _) = try await Self.mallory(host, admin: admin)

                // (a) of the issue: PUT /system/role on her own role, without the denial.
                let rewrite = try await host.send(.put, "/system/role", json: ["roleId": .string(String(role)), "roleName": "udm-ops", "roleKey": "udm-ops",
                                                                               "roleSort": 5, "status": "1", "dataScope": "1",
                                                                               "permissions": ["system:*:*", "udm:*:*"]] as JSONValue, headers: mallory)
                #expect(rewrite.status == 403)
                #expect(rewrite.msg == "you hold the role 'udm-ops', so you cannot change its permissions: nobody changes the rights that apply to themselves; "
                        + "ask another administrator")
                #expect(await Self.permissions(of: role, host, admin: admin) == ["!udm:auth:secret", "system:*:*", "udm:*:*"], "nothing changed")
                let scope = try await host.send(.put, "/system/role/dataScope", json: ["roleId": .string(String(role)), "dataScope": "1"] as JSONValue,
                                                headers: mallory)
                #expect(scope.status == 403 && scope.msg?.hasPrefix("you hold the role 'udm-ops', so you cannot change its data scope") == true)
                let status = try await host.send(.put, "/system/role/changeStatus", json: ["roleId": .string(String(role)), "status": "0"] as JSONValue,
                                                 headers: mallory)
                #expect(status.status == 403 && status.msg?.hasPrefix("you hold the role 'udm-ops', so you cannot change its status") == true)
                // Her name, order and remark are hers to tidy: only rights are frozen.
                let rename = try await host.send(.put, "/system/role", json: ["roleId": .string(String(role)), "roleName": "UDM operators", "roleKey": "udm-ops",
                                                                              "roleSort": 6, "status": "1", "remark": "tidied"] as JSONValue, headers: mallory)
                #expect(rename.code == 200, "\(rename.text)")
                #expect(await Self.permissions(of: role, host, admin: admin) == ["!udm:auth:secret", "system:*:*", "udm:*:*"])

                // Another administrator may still change it.
                let byAdmin = try await host.send(.put, "/system/role", json: ["roleId": .string(String(role)), "roleName": "UDM operators", "roleKey": "udm-ops",
                                                                               "permissions": ["system:*:*", "udm:*:*"]] as JSONValue, headers: admin)
                #expect(byAdmin.code == 200, "\(byAdmin.text)")

                let refusals = host.operations.filter { $0.url.hasPrefix("/system/role") && $0.operatorName == "mallory" && !$0.succeeded }
                #expect(refusals.count == 3, "every refusal is in the operation log")
                #expect(refusals.allSatisfy { $0.result.contains("you hold the role") })
            }
        }

        @Test func aUserCannotGrantAWildcardThatCoversTheirDenialNorTakeTheRole() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let (mallory, ownRole, malloryID) = try await Self.mallory(host, admin: admin)

                // (b) of the issue: a role with udm:auth:*, which covers the denied udm:auth:secret.
                let wide = try await host.send(.post, "/system/role", json: ["roleName": "auth-all", "roleKey": "auth-all",
                                                                             "permissions": ["udm:auth:*"]] as JSONValue, headers: mallory)
                #expect(wide.status == 403)
                #expect(wide.msg == "permissions[0]: you cannot grant 'udm:auth:*': it covers 'udm:auth:secret', which your own roles deny ('!udm:auth:secret')")
                #expect(await host.send(.get, "/system/role/list?roleKey=auth-all", headers: admin).json?["total"]?.intValue == 0, "no role was made")
                let everything = try await host.send(.post, "/system/role", json: ["roleName": "root", "roleKey": "root", "permissions": ["*:*:*"]] as JSONValue,
                                                     headers: mallory)
                #expect(everything.status == 403 && everything.msg?.hasPrefix("permissions[0]: you cannot grant '*:*:*': it covers 'udm:auth:secret'") == true)
                // A role that denies the same secret is within her rights.
                let narrowed = try await host.send(.post, "/system/role", json: ["roleName": "auth-ops", "roleKey": "auth-ops",
                                                                                 "permissions": ["udm:auth:*", "!udm:auth:secret"]] as JSONValue, headers: mallory)
                #expect(narrowed.code == 200, "\(narrowed.text)")

                // The wide role made by an administrator: she can neither take it nor give it.
                let authAll = try await host.addRole("auth-all", permissions: ["udm:auth:*"], as: admin)
                let take = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(authAll)), "userIds": .string(String(malloryID)),
                                                                                           "checked": true] as JSONValue, headers: mallory)
                #expect(take.status == 403 && take.msg == "userIds: you cannot change your own roles; ask another administrator")
                let edit = try await host.send(.put, "/system/user", json: ["userId": .string(String(malloryID)), "userName": "mallory", "nickName": "mallory",
                                                                           "roleIds": [.string(String(ownRole)), .string(String(authAll))]] as JSONValue,
                                               headers: mallory)
                #expect(edit.status == 403 && edit.msg == "roleIds: you cannot change your own roles; ask another administrator")
                let east = try await host.addDepartment("East", parent: 100, as: admin)
                let move = try await host.send(.put, "/system/user", json: ["userId": .string(String(malloryID)), "userName": "mallory", "nickName": "mallory",
                                                                           "deptId": .string(String(east))] as JSONValue, headers: mallory)
                #expect(move.status == 403 && move.msg == "deptId: you cannot move your own account to another department; ask another administrator")
                let profiles = try await host.send(.post, "/oms1350/data/plat/usermgt/updateuser",
                                                   json: ["name": "mallory", "attrlist": [["almapOsprofiles": "auth-all"]]] as JSONValue, headers: mallory)
                #expect(profiles.status == 403 && profiles.json?["responseMessage"]?.stringValue
                        == "almapOsprofiles: you cannot change your own profiles; ask another administrator")
                let accomplice = try await host.addUser("accomplice", roles: [], as: admin)
                let give = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(authAll)), "userIds": .string(String(accomplice)),
                                                                                           "checked": true] as JSONValue, headers: mallory)
                #expect(give.status == 403 && give.msg == "roleIds: you cannot give the role 'auth-all': it gives 'udm:auth:secret' (by 'udm:auth:*'), "
                        + "which your own roles deny ('!udm:auth:secret')")
                let viaUser = try await host.send(.put, "/system/user", json: ["userId": .string(String(accomplice)), "userName": "accomplice",
                                                                              "nickName": "accomplice", "roleIds": [.string(String(authAll))]] as JSONValue,
                                                  headers: mallory)
                #expect(viaUser.status == 403 && viaUser.msg?.hasPrefix("roleIds: you cannot give the role 'auth-all'") == true)

                // Nothing moved: mallory still holds only her role, the accomplice none.
                let held = await host.send(.get, "/system/user/\(malloryID)", headers: admin).data?["roleIds"]
                #expect(held == [.string(String(ownRole))])
                #expect(await host.send(.get, "/system/user/\(accomplice)", headers: admin).data?["roleIds"] == [])
                // Sending her own roles back unchanged, as an edit screen does, is not a change.
                let same = try await host.send(.put, "/system/user", json: ["userId": .string(String(malloryID)), "userName": "mallory", "nickName": "Mal",
                                                                           "roleIds": [.string(String(ownRole))]] as JSONValue, headers: mallory)
                #expect(same.code == 200, "\(same.text)")
            }
        }

        @Test func anAdministratorManagesOthersButNotTheirOwnRoles() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let adminRole = try await host.roleID("admin")
                let adminID = try await host.userID("admin")
                let viewerRole = try await host.roleID("viewer")
                // The built-in admin may not lock themselves out by taking roles or adding denials to their own.
                let addViewer = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(viewerRole)), "userIds": .string(String(adminID)),
                                                                                                "checked": true] as JSONValue, headers: admin)
                #expect(addViewer.msg == "userIds: you cannot change your own roles; ask another administrator")
                let deny = try await host.send(.put, "/system/role", json: ["roleId": .string(String(adminRole)), "roleName": "Admin", "roleKey": "admin",
                                                                           "permissions": ["*:*:*", "!system:*:*"]] as JSONValue, headers: admin)
                #expect(deny.msg == "Modify Role [Admin] failed, the rights and data scope of the admin role cannot be changed")
                // An administrator through a custom role holding everything cannot add a denial to it either.
                let root = try await host.addRole("root", permissions: ["*:*:*"], as: admin)
                _ = try await host.addUser("root-user", roles: [root], as: admin)
                let rootSession = try await host.session("root-user", "User#Pass123")
                let narrowOwn = try await host.send(.put, "/system/role", json: ["roleId": .string(String(root)), "roleName": "root", "roleKey": "root",
                                                                                "permissions": ["*:*:*", "!system:*:*"]] as JSONValue, headers: rootSession)
                #expect(narrowOwn.status == 403 && narrowOwn.msg?.hasPrefix("you hold the role 'root', so you cannot change its permissions") == true)
                #expect(await host.send(.get, "/system/user/list", headers: rootSession).code == 200, "root-user kept their rights")
                // Everything else stays theirs to manage.
                let custom = try await host.addRole("custom", permissions: ["*:*:query", "!*:*:secret"], as: admin)
                let worker = try await host.addUser("worker", roles: [custom], as: admin)
                #expect(try await host.send(.put, "/system/role/dataScope", json: ["roleId": .string(String(custom)), "dataScope": "5"] as JSONValue,
                                            headers: rootSession).code == 200)
                #expect(try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(viewerRole)), "userIds": .string(String(worker)),
                                                                                        "checked": true] as JSONValue, headers: admin).code == 200)
                // Another administrator may give the built-in admin a role, and change the root role.
                let byRoot = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(viewerRole)),
                                                                                             "userIds": .string(String(adminID)), "checked": true] as JSONValue,
                                                 headers: rootSession)
                #expect(byRoot.code == 200, "\(byRoot.text)")
                let byAdmin = try await host.send(.put, "/system/role", json: ["roleId": .string(String(root)), "roleName": "root", "roleKey": "root",
                                                                              "permissions": ["*:*:*", "!system:role:*"]] as JSONValue, headers: admin)
                #expect(byAdmin.code == 200, "\(byAdmin.text)")
            }
        }
    }
}
