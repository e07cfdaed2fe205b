import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// The operation log: every change of every plugin is kept with secrets masked; nobody edits it;
    /// clean and delete are recorded themselves.
    @Suite struct OperationLogTests {
        @Test func changesOfOtherPluginsAreKeptWithSecretsMasked() async throws {
            try await SecurityHost.start().use { host async throws in
            let admin = try await host.admin()
            let body = #"{"neInfo":{"neType":"UDM","neId":"001","password":"Sup3r#Secret","ki":"000102030405060708090A0B0C0D0E0F"}}"#
            let refused = await host.send(.post, "/api/rest/systemManagement/v1/elementType/UDM/objectType/neInfo", headers: admin.merging(["Content-Type": "application/json"]) { a, _ in a },
                                          body: Array(body.utf8))
            #expect(refused.status == 400)
            let list = await host.send(.get, "/monitor/operlog/list?title=Register", headers: admin)
            let row = try #require(list.json?["rows"]?[0])
            #expect(list.json?["total"]?.intValue == 1)
            #expect(row["title"]?.stringValue == "Register an NE")
            #expect(row["businessType"]?.stringValue == "1")
            #expect(row["requestMethod"]?.stringValue == "POST")
            #expect(row["operUrl"]?.stringValue == "/api/rest/systemManagement/v1/elementType/UDM/objectType/neInfo")
            #expect(row["operName"]?.stringValue == "admin")
            #expect(row["deptName"]?.stringValue == "OMC")
            #expect(row["operIp"]?.stringValue == "127.0.0.1")
            #expect(row["status"]?.stringValue == "0")
            #expect(row["errorMsg"]?.stringValue == refused.msg)
            #expect(row["costTime"]?.stringValue != nil && row["operTime"]?.stringValue != nil)
            let parameters = row["operParam"]?.stringValue ?? ""
            #expect(parameters.contains("******") && !parameters.contains("Sup3r#Secret") && !parameters.contains("0A0B0C0D"))
            }
        }

        @Test func passwordsNeverAppearInAnswersLogsOrTheOperationLog() async throws {
            try await SecurityHost.start(["registrationEnabled": "true"]).use { host async throws in
            let admin = try await host.admin()
            _ = try await host.registered("bobby1", password: "Bobby#Secret55")
            _ = try await host.login("bobby1", "Wrong#Guess66")
            let answers = [
                await host.send(.get, "/getInfo", headers: admin),
                await host.send(.get, "/system/user/profile", headers: admin),
                await host.send(.get, "/monitor/operlog/list?pageSize=100", headers: admin),
                await host.send(.get, "/monitor/logininfor/list?pageSize=100", headers: admin),
                await host.send(.get, "/monitor/online/list", headers: admin),
            ]
            let secrets = [SecurityHost.firstPassword, SecurityHost.adminPassword, "Bobby#Secret55", "Wrong#Guess66", "$y$", "$2b$", "password_hash"]
            for answer in answers {
                #expect(answer.code == 200)
                for secret in secrets { #expect(!answer.text.contains(secret), "\(secret) in \(answer.text.prefix(200))") }
            }
            for line in host.logs {
                let text = line.message + line.metadata.values.joined()
                for secret in secrets.prefix(4) { #expect(!text.contains(secret)) }
            }
            for record in host.operations {
                for secret in secrets.prefix(4) { #expect(!record.parameters.contains(secret) && !record.url.contains(secret)) }
            }
            let changes = host.operations.map(\.title)
            #expect(changes.contains("Change the caller's password") && changes.contains("Register an account"))
            }
        }

        @Test func nobodyCanEditTheLogAndCleanAndDeleteAreRecorded() async throws {
            try await SecurityHost.start().use { host async throws in
            let admin = try await host.admin()
            #expect(await host.send(.put, "/monitor/operlog/1", headers: admin).status == 405)
            #expect(await host.send(.put, "/monitor/operlog", headers: admin).status == 404)
            let own = try #require(host.database(of: "security"))
            let refusal = await #expect(throws: (any Error).self) {
                try await own.write { db in try db.execute("UPDATE security_oper_log SET oper_name = 'someone else'") }
            }
            #expect("\(refusal.map { "\($0)" } ?? "")".contains("append-only"))
            let before = await host.send(.get, "/monitor/operlog/list", headers: admin)
            let firstID = try #require(before.json?["rows"]?[0]?["operId"]?.stringValue)
            let missing = await host.send(.delete, "/monitor/operlog/\(firstID),999999", headers: admin)
            #expect(missing.status == 404 && missing.msg == "no operation log entry with id 999999; nothing was deleted")
            let bad = await host.send(.delete, "/monitor/operlog/1;DROP TABLE security_user", headers: admin)
            #expect(bad.status == 400)
            #expect(await host.send(.delete, "/monitor/operlog/\(firstID)", headers: admin).code == 200)
            #expect(await host.send(.delete, "/monitor/operlog/clean", headers: admin).code == 200)
            let after = await host.send(.get, "/monitor/operlog/list", headers: admin)
            #expect(after.json?["total"]?.intValue == 1)
            #expect(after.json?["rows"]?[0]?["title"]?.stringValue == "Clear the operation log")
            #expect(after.json?["rows"]?[0]?["businessType"]?.stringValue == "9")
            #expect(host.operations.contains { $0.title == "Delete operation log entries" && $0.succeeded })
            }
        }

        @Test func loginLogEntriesCanBeDeletedAndCleanedOnlyAsAWhole() async throws {
            try await SecurityHost.start().use { host async throws in
            let admin = try await host.admin()
            let list = await host.send(.get, "/monitor/logininfor/list", headers: admin)
            let ids = (list.json?["rows"]?.arrayValue ?? []).compactMap { $0["infoId"]?.stringValue }
            #expect(ids.count == 2)
            #expect(await host.send(.delete, "/monitor/logininfor/\(ids.joined(separator: ","))", headers: admin).code == 200)
            #expect(await host.send(.get, "/monitor/logininfor/list", headers: admin).json?["total"]?.intValue == 0)
            _ = try await host.login("admin", "Wrong#Pass1")
            #expect(await host.send(.delete, "/monitor/logininfor/clean", headers: admin).code == 200)
            #expect(await host.send(.get, "/monitor/logininfor/list", headers: admin).json?["total"]?.intValue == 0)
            #expect(host.operations.contains { $0.title == "Clear the login log" && $0.businessType == .clean })
            }
        }

        @Test func listsFilterPageAndValidate() async throws {
            try await SecurityHost.start().use { host async throws in
            let admin = try await host.admin()
            for index in 0..<3 { _ = try await host.login("user\(index)", "Wrong#Pass1") }
            let page = await host.send(.get, "/monitor/logininfor/list?pageNum=2&pageSize=2&sortField=userName&sortOrder=asc", headers: admin)
            #expect(page.json?["total"]?.intValue == 5)
            #expect((page.json?["rows"]?.arrayValue ?? []).map { $0["userName"]?.stringValue ?? "" } == ["user0", "user1"])
            let bad = [
                "/monitor/logininfor/list?status=2": "status: must be 0 or 1",
                "/monitor/logininfor/list?sortField=password": "sortField: must be one of ipaddr, loginTime, status, userName",
                "/monitor/logininfor/list?beginTime=yesterday": "beginTime: must be milliseconds since 1970, yyyy-MM-dd or yyyy-MM-dd HH:mm:ss",
                "/monitor/operlog/list?businessType=8": "businessType: must be one of 0-7 or 9 (0 other, 1 insert, 2 update, 3 delete, 4 grant, 5 export, 6 import, 7 force logout, 9 clean)",
                "/monitor/operlog/list?pageSize=100000": "pageSize: must be an integer from 1 to 1000",
            ]
            for (path, message) in bad {
                let answer = await host.send(.get, path, headers: admin)
                #expect(answer.status == 400 && answer.msg == message, "\(path)")
            }
            let begin = Int64(host.clock.now().timeIntervalSince1970 * 1000)
            let inRange = await host.send(.get, "/monitor/logininfor/list?beginTime=\(begin)&endTime=\(begin + 1)", headers: admin)
            #expect(inRange.json?["total"]?.intValue == 5)
            let before = await host.send(.get, "/monitor/logininfor/list?endTime=\(begin - 1)", headers: admin)
            #expect(before.json?["total"]?.intValue == 0)
            }
        }
    }
}
