import Foundation
import OMCTesting
import PluginAPI
@testable import Security
import Testing

extension SecurityTestSuite {
    /// Permission patterns and data scopes, the building blocks the administration routes use.
    @Suite struct DataScopeTests {
        @Test func patternsMatchPartByPartAndDenialsWinWithinTheirRole() {
            let roles = [
                RoleRights(roleKey: "ops", patterns: ["*:*:*", "!system:*:*", "!*:*:secret"].compactMap(PermissionPattern.init)),
                RoleRights(roleKey: "auditor", patterns: ["monitor:operlog:list"].compactMap(PermissionPattern.init)),
            ]
            let rights = UserRights(roles: roles, mustChangePassword: false)
            #expect(rights.permits("udm:sub:add"))
            #expect(!rights.permits("system:user:add"))
            #expect(!rights.permits("udm:auth:secret"))
            #expect(rights.permits("monitor:operlog:list"), "another role grants what the first denies")
            #expect(!rights.permits("udm:sub"), "a malformed permission is never held")
            #expect(rights.grantedPatterns == ["*:*:*", "monitor:operlog:list"])
            for bad in ["", "a:b", "a:b:c:d", "a::c", "a b:c:d", "!!a:b:c", "a:%:c"] { #expect(PermissionPattern(bad) == nil, "\(bad)") }
            #expect(PermissionPattern("!system:*:*")?.denies == true)
        }

        @Test func scopesFollowTheRolesAndTheDepartmentTree() async throws {
            try await SecurityHost.start().use { host async throws in
                let scopes = try await host.database.write { db -> [String: DataScope] in
                    // 100 OMC ─ 101 North ─ 103 Site A
                    //        └ 102 South
                    for (id, parent, ancestors) in [(101, 100, "0,100"), (102, 100, "0,100"), (103, 101, "0,100,101")] {
                        try db.execute("INSERT INTO security_dept (dept_id, parent_id, ancestors, dept_name, create_time) VALUES (?, ?, ?, ?, 0)",
                                       [.int(id), .int(parent), .text(ancestors), .text("dept \(id)")])
                    }
                    var scopes: [String: DataScope] = [:]
                    for (scope, key) in [("1", "all"), ("2", "custom"), ("3", "own"), ("4", "below"), ("5", "self")] {
                        try db.execute("INSERT INTO security_role (role_name, role_key, data_scope, create_time) VALUES (?, ?, ?, 0)",
                                       [.text(key), .text(key), .text(scope)])
                        let user = try UserStore.create(.init(userName: "user-\(key)", nickName: key, departmentID: 101, passwordHash: "x",
                                                              mustChangePassword: false, roleKeys: [key], createdBy: "test"), now: 0, in: db)
                        if key == "custom" {
                            try db.execute("INSERT INTO security_role_dept (role_id, dept_id) SELECT role_id, 102 FROM security_role WHERE role_key = 'custom'")
                        }
                        scopes[key] = try DataScope.of(userID: user, in: db)
                    }
                    return scopes
                }
                #expect(scopes["all"]?.everything == true)
                #expect(scopes["custom"]?.departmentIDs == [102])
                #expect(scopes["own"]?.departmentIDs == [101])
                #expect(scopes["below"]?.departmentIDs == [101, 103])
                #expect(scopes["self"]?.departmentIDs == [])
                let own = try #require(scopes["self"])
                #expect(own.includes(departmentID: 101, ownerID: own.userID) && !own.includes(departmentID: 101, ownerID: 1))
                #expect(scopes["below"]?.includes(departmentID: 103, ownerID: nil) == true)
                #expect(scopes["below"]?.includes(departmentID: 102, ownerID: nil) == false)
                // The condition filters real rows.
                let below = try #require(scopes["below"])
                let visible = try await host.database.read { db in
                    let (sql, arguments) = below.condition(departmentColumn: "dept_id", userColumn: "user_id")
                    return try db.query("SELECT user_name FROM security_user WHERE \(sql) ORDER BY user_name", arguments).compactMap { $0.string("user_name") }
                }
                #expect(visible == ["user-all", "user-below", "user-custom", "user-own", "user-self"])
                let selfOnly = try await host.database.read { db in
                    let (sql, arguments) = own.condition(departmentColumn: "dept_id", userColumn: "user_id")
                    return try db.query("SELECT user_name FROM security_user WHERE \(sql)", arguments).compactMap { $0.string("user_name") }
                }
                #expect(selfOnly == ["user-self"])
            }
        }
    }
}
