import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Security/Department: the 8 routes, their rules and messages.
    @Suite struct DepartmentRoutesTests {
        @Test func addsShowsMovesAndDeletesDepartments() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let research = try await host.addDepartment("R&D", parent: 100, as: admin)
                let radio = try await host.addDepartment("Radio", parent: research, as: admin)
                let sales = try await host.addDepartment("Sales", parent: 100, as: admin)

                let list = await host.send(.get, "/system/dept/list", headers: admin)
                #expect(list.code == 200 && (list.data?.arrayValue ?? []).count == 4)
                let radioRow = list.data?.arrayValue?.first { $0["deptName"]?.stringValue == "Radio" }
                #expect(radioRow?["ancestors"]?.stringValue == "0,100,\(research)" && radioRow?["parentId"]?.stringValue == String(research))
                #expect(radioRow?["delFlag"]?.stringValue == "0" && radioRow?["createBy"]?.stringValue == "admin" && radioRow?["orderNum"]?.intValue == 1)

                let info = await host.send(.get, "/system/dept/\(radio)", headers: admin)
                #expect(info.data?["deptName"]?.stringValue == "Radio" && info.data?["parentName"]?.stringValue == "R&D")

                let tree = await host.send(.get, "/system/dept/treeSelect", headers: admin)
                #expect(tree.data?[0]?["id"]?.stringValue == "100" && tree.data?[0]?["label"]?.stringValue == "OMC")
                #expect(tree.data?[0]?["children"]?[0]?["label"]?.stringValue == "R&D")
                #expect(tree.data?[0]?["children"]?[0]?["children"]?[0]?["label"]?.stringValue == "Radio")

                let exclude = await host.send(.get, "/system/dept/list/exclude/\(research)", headers: admin)
                #expect(Set((exclude.data?.arrayValue ?? []).compactMap { $0["deptName"]?.stringValue }) == ["OMC", "Sales"])

                // Moving Radio under Sales rewrites its path; moving R&D under its own child is refused.
                let moved = try await host.send(.put, "/system/dept", json: ["deptId": .string(String(radio)), "parentId": .number(Double(sales)),
                                                                             "deptName": "Radio", "orderNum": 2, "status": "1"] as JSONValue, headers: admin)
                #expect(moved.code == 200, "\(moved.text)")
                #expect(await host.send(.get, "/system/dept/\(radio)", headers: admin).data?["ancestors"]?.stringValue == "0,100,\(sales)")
                let selfParent = try await host.send(.put, "/system/dept", json: ["deptId": .string(String(sales)), "parentId": .string(String(sales)),
                                                                                  "deptName": "Sales", "status": "1"] as JSONValue, headers: admin)
                #expect(selfParent.code == 500 && selfParent.msg == "Department modification [Sales] failed, the superior department cannot be myself")
                let cycle = try await host.send(.put, "/system/dept", json: ["deptId": .string(String(sales)), "parentId": .string(String(radio)),
                                                                             "deptName": "Sales", "status": "1"] as JSONValue, headers: admin)
                #expect(cycle.code == 500 && cycle.msg?.contains("cannot be one of its own sub-departments") == true)
                let disable = try await host.send(.put, "/system/dept", json: ["deptId": .string(String(sales)), "parentId": "100",
                                                                               "deptName": "Sales", "status": "0"] as JSONValue, headers: admin)
                #expect(disable.msg == "This department contains sub-departments that are not deactivated!")

                let duplicate = try await host.send(.post, "/system/dept", json: ["deptName": "sales", "parentId": "100", "status": "1"] as JSONValue,
                                                    headers: admin)
                #expect(duplicate.code == 500 && duplicate.msg == "Failed to add [sales] to department, department name already exists")

                #expect(await host.send(.delete, "/system/dept/\(sales)", headers: admin).msg == "There are subordinate departments, deletion is not allowed")
                #expect(await host.send(.delete, "/system/dept/100", headers: admin).code == 500)
                #expect(await host.send(.delete, "/system/dept/\(radio)", headers: admin).code == 200)
                #expect(await host.send(.get, "/system/dept/\(radio)", headers: admin).status == 404)
                #expect(await host.send(.delete, "/system/dept/abc", headers: admin).msg == "deptId: must be a positive integer id, not 'abc'")
            }
        }

        static let badDepartments: [([String: JSONValue], String)] = [
            (["deptName": "X", "status": "1"], "parentId: is required (0 for a top-level department)"),
            (["deptName": "X", "parentId": "100", "email": "not-mail"], "email: must be an e-mail address like name@example.com"),
            (["deptName": "X", "parentId": "100", "phone": "12ab"], "phone: must be a phone number: 5 to 20 digits, optionally led by +"),
            (["deptName": "X", "parentId": "100", "status": "2"], "status: must be 0 or 1"),
            (["deptName": .string(String(repeating: "d", count: 31)), "parentId": "100"], "deptName: must be at most 30 characters"),
            (["parentId": "100"], "deptName: is required"),
            (["deptName": "X", "parentId": "999"], "parentId: no department with id 999"),
            (["deptName": "X", "parentId": "100", "orderNum": "first"], "orderNum: must be an integer from 0 to 9999"),
        ]

        @Test(arguments: badDepartments)
        func refusesBadDepartments(_ body: [String: JSONValue], _ message: String) async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let answer = try await host.send(.post, "/system/dept", json: JSONValue.object(body), headers: admin)
                #expect(answer.status == 400 && answer.code == 500 && answer.msg == message, "\(answer.text)")
                #expect(try await host.database.read { db in try db.first("SELECT count(*) AS n FROM security_dept")?.int("n") } == 1)
            }
        }
    }
}
