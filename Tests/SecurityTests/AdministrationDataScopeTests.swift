import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// A role's data scope limits every administration list and every record a caller may open or change.
    @Suite struct AdministrationDataScopeTests {
        @Test func eachScopeShowsExactlyItsRecords() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let east = try await host.addDepartment("East", parent: 100, as: admin)
                let shanghai = try await host.addDepartment("Shanghai", parent: east, as: admin)
                let west = try await host.addDepartment("West", parent: 100, as: admin)
                _ = try await host.addUser("ueast", roles: [], department: east, as: admin)
                _ = try await host.addUser("ushanghai", roles: [], department: shanghai, as: admin)
                let uwest = try await host.addUser("uwest", roles: [], department: west, as: admin)
                let rights = ["system:user:list", "system:user:query", "system:user:edit", "system:dept:list", "system:role:list"]
                let roles = [
                    "1": try await host.addRole("scope-all", permissions: rights, dataScope: "1", as: admin),
                    "2": try await host.addRole("scope-custom", permissions: rights, dataScope: "2", departments: [west], as: admin),
                    "3": try await host.addRole("scope-own", permissions: rights, dataScope: "3", as: admin),
                    "4": try await host.addRole("scope-below", permissions: rights, dataScope: "4", as: admin),
                    "5": try await host.addRole("scope-self", permissions: rights, dataScope: "5", as: admin),
                ]
                let probe = try await host.addUser("probe", roles: [], department: east, as: admin)
                let session = try await host.session("probe", "User#Pass123")
                let expected: [(scope: String, users: [String], departments: Set<String>)] = [
                    ("1", ["admin", "ueast", "ushanghai", "uwest", "probe"], ["OMC", "East", "Shanghai", "West"]),
                    ("2", ["uwest", "probe"], ["West"]),
                    ("3", ["ueast", "probe"], ["East"]),
                    ("4", ["ueast", "ushanghai", "probe"], ["East", "Shanghai"]),
                    ("5", ["probe"], []),
                ]
                for (scope, users, departments) in expected {
                    let role = try #require(roles[scope])
                    let assigned = try await host.send(.put, "/system/user", json: ["userId": .string(String(probe)), "userName": "probe",
                                                                                    "deptId": .string(String(east)), "roleIds": [.string(String(role))]] as JSONValue,
                                                       headers: admin)
                    #expect(assigned.code == 200)
                    let list = await host.send(.get, "/system/user/list?pageSize=100", headers: session)
                    #expect(list.userNames == users, "scope \(scope)")
                    #expect(list.json?["total"]?.intValue == users.count, "scope \(scope)")
                    let shown = Set((await host.send(.get, "/system/dept/list", headers: session).data?.arrayValue ?? []).compactMap { $0["deptName"]?.stringValue })
                    #expect(shown == departments, "scope \(scope)")
                    let oms = await host.send(.get, "/oms1350/data/plat/usermgt/users", headers: session)
                    #expect((oms.json?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue } == users, "scope \(scope)")
                    let west = await host.send(.get, "/system/user/\(uwest)", headers: session)
                    #expect(users.contains("uwest") ? west.code == 200 : (west.status == 403 && west.msg == "No permission to access user data"), "scope \(scope)")
                    let change = try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(uwest)), "status": "1"] as JSONValue,
                                                     headers: session)
                    #expect(users.contains("uwest") ? change.code == 200 : change.status == 403, "scope \(scope)")
                }
            }
        }
    }
}
