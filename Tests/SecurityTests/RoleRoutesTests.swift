import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Security/Role: the role routes, built-in protection, who holds a role, and rights taking effect at once.
    @Suite struct RoleRoutesTests {
        @Test func addsListsShowsAndChangesRoles() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let auditor = try await host.addRole("auditor", permissions: ["monitor:*:list", "monitor:*:query"], as: admin)
                let list = await host.send(.get, "/system/role/list?roleKey=audit", headers: admin)
                #expect(list.json?["total"]?.intValue == 1 && list.json?["rows"]?[0]?["roleName"]?.stringValue == "auditor")
                #expect(list.json?["rows"]?[0]?["dataScope"]?.stringValue == "1" && list.json?["rows"]?[0]?["delFlag"]?.stringValue == "0")
                #expect(await host.send(.get, "/system/role/list", headers: admin).json?["total"]?.intValue == 8, "7 built-in roles and auditor")

                let info = await host.send(.get, "/system/role/\(auditor)", headers: admin)
                #expect(info.data?["permissions"] == ["monitor:*:list", "monitor:*:query"])

                // Ticking menu pages grants their resources; explicit permissions win.
                let changed = try await host.send(.put, "/system/role", json: ["roleId": .string(String(auditor)), "roleName": "Auditor", "roleKey": "auditor",
                                                                               "roleSort": 3, "status": "1", "remark": "reads logs", "dataScope": "1",
                                                                               "menuIds": ["monitor.operlog", "monitor.logininfor"]] as JSONValue,
                                                  headers: admin)
                #expect(changed.code == 200, "\(changed.text)")
                let after = await host.send(.get, "/system/role/\(auditor)", headers: admin)
                #expect(after.data?["permissions"] == ["monitor:logininfor:*", "monitor:operlog:*"])
                #expect(after.data?["menuIds"] == ["monitor.logininfor", "monitor.operlog"] && after.data?["roleName"]?.stringValue == "Auditor")

                let unknownMenu = try await host.send(.put, "/system/role", json: ["roleId": .string(String(auditor)), "roleName": "Auditor",
                                                                                   "roleKey": "auditor", "menuIds": ["udm.sub"]] as JSONValue, headers: admin)
                #expect(unknownMenu.msg == "menuIds[0]: no enabled plugin has the menu entry 'udm.sub'")
                let badPattern = try await host.send(.post, "/system/role", json: ["roleName": "x", "roleKey": "x", "permissions": ["system:user"]] as JSONValue,
                                                     headers: admin)
                #expect(badPattern.msg == "permissions[0]: 'system:user' is not module:resource:action (each part a name or *, optionally led by !)")
                let nameClash = try await host.send(.post, "/system/role", json: ["roleName": "auditor", "roleKey": "other"] as JSONValue, headers: admin)
                #expect(nameClash.msg == "Add Role[auditor] failed, the role name already exists")
                let keyClash = try await host.send(.post, "/system/role", json: ["roleName": "Other", "roleKey": "ADMIN"] as JSONValue, headers: admin)
                #expect(keyClash.msg == "Add Role[Other] failed, the permission key value already exists")
            }
        }

        @Test func builtInRolesStayAndAssignedRolesCannotGo() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let viewer = try await host.roleID("viewer")
                let adminRole = try await host.roleID("admin")
                #expect(await host.send(.delete, "/system/role/\(viewer)", headers: admin).msg == "the built-in role 'Viewer' cannot be deleted; nothing was deleted")
                let disable = try await host.send(.put, "/system/role/changeStatus", json: ["roleId": .string(String(viewer)), "status": "0"] as JSONValue,
                                                  headers: admin)
                #expect(disable.msg == "the built-in role 'Viewer' cannot be disabled")
                let narrowAdmin = try await host.send(.put, "/system/role", json: ["roleId": .string(String(adminRole)), "roleName": "Admin", "roleKey": "admin",
                                                                                   "permissions": ["system:*:*"]] as JSONValue, headers: admin)
                #expect(narrowAdmin.msg == "Modify Role [Admin] failed, the rights and data scope of the admin role cannot be changed")
                let rekey = try await host.send(.put, "/system/role", json: ["roleId": .string(String(viewer)), "roleName": "Viewer", "roleKey": "reader"] as JSONValue,
                                                headers: admin)
                #expect(rekey.msg == "Modify Role [Viewer] failed, the key of a built-in role cannot be changed")

                let custom = try await host.addRole("custom", permissions: ["ne:*:query"], as: admin)
                let spare = try await host.addRole("spare", permissions: [], as: admin)
                _ = try await host.addUser("holder", roles: [custom], as: admin)
                let assigned = await host.send(.delete, "/system/role/\(custom),\(spare)", headers: admin)
                #expect(assigned.msg == "[custom] has been assigned to users and cannot be deleted; nothing was deleted")
                #expect(await host.send(.get, "/system/role/\(spare)", headers: admin).code == 200, "all or none: spare is still there")
                #expect(await host.send(.delete, "/system/role/\(spare)", headers: admin).code == 200)
                #expect(await host.send(.get, "/system/role/\(spare)", headers: admin).status == 404)
            }
        }

        @Test func givingAndTakingARoleChangesRightsAtOnce() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let readers = try await host.addRole("user-readers", permissions: ["system:user:list"], as: admin)
                let plain = try await host.addRole("plain", permissions: ["ne:info:query"], as: admin)
                let worker = try await host.addUser("worker", roles: [plain], as: admin)
                let session = try await host.session("worker", "User#Pass123")
                #expect(await host.send(.get, "/system/user/list", headers: session).status == 403)

                let give = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(readers)), "userIds": .string(String(worker)),
                                                                                           "checked": true] as JSONValue, headers: admin)
                #expect(give.code == 200)
                #expect(await host.send(.get, "/system/user/list", headers: session).code == 200, "the new right works without a new login")
                let holders = await host.send(.get, "/system/role/authUser/allocatedList?roleId=\(readers)&allocated=true", headers: admin)
                #expect(holders.userNames == ["worker"])
                let others = await host.send(.get, "/system/role/authUser/allocatedList?roleId=\(readers)&allocated=false", headers: admin)
                #expect(others.userNames == ["admin"])

                // Disabling the role, then taking it back, removes the right at once.
                _ = try await host.send(.put, "/system/role/changeStatus", json: ["roleId": .string(String(readers)), "status": "0"] as JSONValue, headers: admin)
                #expect(await host.send(.get, "/system/user/list", headers: session).status == 403)
                _ = try await host.send(.put, "/system/role/changeStatus", json: ["roleId": .string(String(readers)), "status": "1"] as JSONValue, headers: admin)
                #expect(await host.send(.get, "/system/user/list", headers: session).code == 200)
                let take = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(readers)), "userIds": .string(String(worker)),
                                                                                           "checked": "false"] as JSONValue, headers: admin)
                #expect(take.code == 200)
                #expect(await host.send(.get, "/system/user/list", headers: session).status == 403)

                let adminRole = try await host.roleID("admin")
                let adminID = try await host.userID("admin")
                let strip = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(adminRole)), "userIds": .string(String(adminID)),
                                                                                            "checked": false] as JSONValue, headers: admin)
                #expect(strip.msg == "userIds: you cannot change your own roles; ask another administrator")
                let grants = host.operations.filter { $0.url == "/system/role/authUser/checked" }
                #expect(grants.count == 3 && grants.allSatisfy { $0.businessType == .grant && $0.operatorName == "admin" })
                #expect(grants.map(\.succeeded) == [true, true, false], "refusals are in the operation log too")
            }
        }

        @Test func nobodyGrantsMoreThanTheyHold() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let roleAdmins = try await host.addRole("role-admins", permissions: ["system:role:*", "system:user:*", "ne:*:*"], as: admin)
                _ = try await host.addUser("delegate", roles: [roleAdmins], as: admin)
                let delegate = try await host.session("delegate", "User#Pass123")

                let everything = try await host.send(.post, "/system/role", json: ["roleName": "Root", "roleKey": "root", "permissions": ["*:*:*"]] as JSONValue,
                                                     headers: delegate)
                #expect(everything.status == 403
                        && everything.msg == "permissions[0]: you cannot grant '*:*:*': it covers 'system:<other>:<other>', which your own roles do not give you")
                let within = try await host.send(.post, "/system/role", json: ["roleName": "NE readers", "roleKey": "ne-readers",
                                                                               "permissions": ["ne:info:query", "!ne:info:remove"]] as JSONValue, headers: delegate)
                #expect(within.code == 200)

                let adminRole = try await host.roleID("admin")
                let helper = try await host.addUser("helper", roles: [], as: admin)
                let promote = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(adminRole)), "userIds": .string(String(helper)),
                                                                                              "checked": true] as JSONValue, headers: delegate)
                #expect(promote.status == 403 && promote.msg?.hasPrefix("roleIds: you cannot give the role 'Admin'") == true)
                let adminID = try await host.userID("admin")
                let takeOver = try await host.send(.put, "/system/user/resetPwd", json: ["userId": .string(String(adminID)), "password": "Taken#Over123"] as JSONValue,
                                                   headers: delegate)
                #expect(takeOver.status == 403 && takeOver.msg == "you cannot change the account 'admin': its roles grant rights your own roles do not give you")
                #expect(try await host.login("admin", SecurityHost.adminPassword).code == 200)
                let operatorRole = try await host.roleID("operator")
                let widen = try await host.send(.put, "/system/role/dataScope", json: ["roleId": .string(String(operatorRole)), "dataScope": "1"] as JSONValue,
                                                headers: delegate)
                #expect(widen.status == 403 && widen.msg == "you cannot change the role 'Operator': it grants rights your own roles do not give you")
                let strip = try await host.send(.put, "/system/role/authUser/checked", json: ["roleId": .string(String(adminRole)), "userIds": .string(String(adminID)),
                                                                                            "checked": false] as JSONValue, headers: delegate)
                #expect(strip.status == 403)
            }
        }

        @Test func customDataScopeListsItsDepartments() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let east = try await host.addDepartment("East", parent: 100, as: admin)
                let role = try await host.addRole("east-admins", permissions: ["system:user:list"], as: admin)
                let scoped = try await host.send(.put, "/system/role/dataScope", json: ["roleId": .string(String(role)), "dataScope": "2", "deptCheckStrictly": "1",
                                                                                      "menuIds": [.string(String(east))]] as JSONValue, headers: admin)
                #expect(scoped.code == 200, "\(scoped.text)")
                let tree = await host.send(.get, "/system/dept/roleDeptTreeSelect/\(role)", headers: admin)
                #expect(tree.json?["code"]?.intValue == 200 && tree.json?["checkedKeys"] == [.string(String(east))])
                #expect(tree.json?["depts"]?[0]?["children"]?[0]?["label"]?.stringValue == "East")
                #expect(await host.send(.get, "/system/role/\(role)", headers: admin).data?["dataScope"]?.stringValue == "2")
                let bad = try await host.send(.put, "/system/role/dataScope", json: ["roleId": .string(String(role)), "dataScope": "9"] as JSONValue, headers: admin)
                #expect(bad.msg == "dataScope: must be 1, 2, 3, 4 or 5")
            }
        }
    }
}
