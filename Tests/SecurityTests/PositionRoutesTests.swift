import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Security/Position: list, info, add, modify, delete (export is in ``SpreadsheetRoutesTests``).
    @Suite struct PositionRoutesTests {
        @Test func addsListsChangesAndDeletesPositions() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                for (code, name, sort) in [("SE", "System Engineer", 1), ("PM", "Product Manager", 2), ("OP", "Operator", 3)] {
                    let added = try await host.send(.post, "/system/post", json: ["postCode": .string(code), "postName": .string(name),
                                                                                  "postSort": .string(String(sort)), "phone": "1", "remark": ""] as JSONValue,
                                                    headers: admin)
                    #expect(added.code == 200, "\(added.text)")
                }
                let page = await host.send(.get, "/system/post/list?pageNum=2&pageSize=2", headers: admin)
                #expect(page.json?["total"]?.intValue == 3 && page.json?["rows"]?[0]?["postCode"]?.stringValue == "OP")
                let filtered = await host.send(.get, "/system/post/list?postName=engineer&status=1", headers: admin)
                #expect(filtered.json?["total"]?.intValue == 1 && filtered.json?["rows"]?[0]?["postSort"]?.intValue == 1)
                let id = try #require(filtered.json?["rows"]?[0]?["postId"]?.stringValue)
                let info = await host.send(.get, "/system/post/\(id)", headers: admin)
                #expect(info.data?["postName"]?.stringValue == "System Engineer" && info.data?["createBy"]?.stringValue == "admin")

                let clash = try await host.send(.post, "/system/post", json: ["postCode": "se2", "postName": "system engineer"] as JSONValue, headers: admin)
                #expect(clash.code == 500 && clash.msg == "Failed to add [system engineer] to the position, the position name already exists")
                let codeClash = try await host.send(.put, "/system/post", json: ["postId": .string(id), "postCode": "pm", "postName": "SE"] as JSONValue,
                                                    headers: admin)
                #expect(codeClash.msg == "Position modification [SE] failed, the position code already exists")
                let changed = try await host.send(.put, "/system/post", json: ["postId": .string(id), "postCode": "SE", "postName": "Senior Engineer",
                                                                               "postSort": 4, "status": "0", "remark": "r"] as JSONValue, headers: admin)
                #expect(changed.code == 200)
                #expect(await host.send(.get, "/system/post/\(id)", headers: admin).data?["status"]?.stringValue == "0")

                // A position held by a user cannot go; a list with one missing id deletes nothing.
                _ = try await host.addUser("holder", roles: [], extra: ["postIds": [.string(id)]], as: admin)
                let held = await host.send(.delete, "/system/post/\(id)", headers: admin)
                #expect(held.code == 500 && held.msg == "[Senior Engineer] has been assigned to users and cannot be deleted; nothing was deleted")
                let others = (await host.send(.get, "/system/post/list?postCode=P", headers: admin).json?["rows"]?.arrayValue ?? [])
                    .compactMap { $0["postId"]?.stringValue }
                let missing = await host.send(.delete, "/system/post/\(others.joined(separator: ",")),9999", headers: admin)
                #expect(missing.status == 404 && missing.msg == "no position with id 9999")
                #expect(await host.send(.get, "/system/post/list", headers: admin).json?["total"]?.intValue == 3)
                #expect(await host.send(.delete, "/system/post/\(others.joined(separator: ","))", headers: admin).code == 200)
                #expect(await host.send(.get, "/system/post/list", headers: admin).json?["total"]?.intValue == 1)
                #expect(await host.send(.get, "/system/post/9999", headers: admin).status == 404)
            }
        }

        static let badPositions: [([String: JSONValue], String)] = [
            (["postName": "X"], "postCode: is required"),
            (["postCode": "X"], "postName: is required"),
            (["postCode": "X", "postName": "X", "postSort": "-1"], "postSort: must be an integer from 0 to 9999"),
            (["postCode": "X", "postName": "X", "phone": "yes"], "phone: must be 0 or 1"),
            (["postCode": ["X"], "postName": "X"], "postCode: must be a string"),
        ]

        @Test(arguments: badPositions)
        func refusesBadPositions(_ body: [String: JSONValue], _ message: String) async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let answer = try await host.send(.post, "/system/post", json: JSONValue.object(body), headers: admin)
                #expect(answer.code == 500 && answer.msg == message, "\(answer.text)")
                #expect(await host.send(.get, "/system/post/list", headers: admin).json?["total"]?.intValue == 0)
            }
        }
    }
}
