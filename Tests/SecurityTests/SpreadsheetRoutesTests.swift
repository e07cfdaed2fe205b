import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// The administration's files: position, role and user exports, the user import template, and the
    /// all-or-nothing user import with `updateSupport`.
    @Suite struct SpreadsheetRoutesTests {
        static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

        @Test func exportsPositionsRolesAndUsersAsRealWorkbooks() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let empty = try await host.send(.post, "/system/post/export", json: ["pageNum": 1, "pageSize": 10], headers: admin)
                #expect(empty.code == 500 && empty.msg == "Export data record is empty")
                for (code, name) in [("SE", "System Engineer"), ("PM", "Product Manager")] {
                    _ = try await host.send(.post, "/system/post", json: ["postCode": code, "postName": name], headers: admin)
                }
                let posts = try await host.send(.post, "/system/post/export", json: ["postCode": "S", "pageNum": 1, "pageSize": 10] as JSONValue, headers: admin)
                #expect(posts.status == 200 && posts.headers["Content-Type"] == Self.xlsxType)
                #expect(posts.headers["Content-Disposition"]?.contains("attachment") == true && posts.downloadFileName?.hasPrefix("post_export_") == true)
                #expect(posts.downloadFileName?.hasSuffix(".xlsx") == true)
                let postRows = try SheetFiles.rows(posts)
                #expect(postRows.first == ["Position ID", "Position code", "Position name", "Sort", "Status", "Created by", "Created", "Remark"])
                #expect(postRows.count == 2 && postRows[1][1] == "SE" && postRows[1][4] == "Active")

                let roles = try await host.send(.post, "/system/role/export", json: ["roleKey": "oms-"] as JSONValue, headers: admin)
                let roleRows = try SheetFiles.rows(roles)
                #expect(roleRows.count == 5 && roleRows[0][2] == "Permission key")
                #expect(roleRows.dropFirst().map { $0[5] } == ["Administrator", "Constructor", "Operator", "Viewer"])

                let viewer = try await host.roleID("viewer")
                _ = try await host.addUser("erin", password: "Secret#Word77", roles: [viewer], extra: ["email": "erin@example.com", "sex": "2"], as: admin)
                let users = try await host.send(.post, "/system/user/export", json: ["userName": "erin"] as JSONValue, headers: admin)
                #expect(users.downloadFileName?.hasPrefix("user_export_") == true)
                let userRows = try SheetFiles.rows(users)
                #expect(userRows.count == 2 && userRows[0].contains("User name") && !userRows[0].contains { $0.lowercased().contains("password") })
                #expect(userRows[1][3] == "erin" && userRows[1][5] == "erin@example.com" && userRows[1][7] == "Female" && userRows[1][9] == "viewer")
                let hash = try await host.database.read { db in try db.first("SELECT password_hash FROM security_user WHERE user_name = 'erin'")?.string("password_hash") }
                #expect(!userRows.joined().contains { $0.contains("Secret#Word77") || $0 == hash })
                #expect(try await host.send(.post, "/system/user/export", json: ["status": "2"] as JSONValue, headers: admin).msg == "status: must be 0 or 1")
            }
        }

        @Test func importsUsersAllOrNothingWithUpdateSupport() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let template = await host.send(.post, "/system/user/importTemplate", headers: admin)
                #expect(template.headers["Content-Type"] == Self.xlsxType && template.downloadFileName?.hasPrefix("user_import_template_") == true)
                let header = try #require(try SheetFiles.rows(template).first)
                #expect(header == ["Department ID", "User name", "Nick name", "E-mail", "Phone number", "Sex", "Status", "Roles", "Initial password"])

                func upload(_ rows: [[String]], updateSupport: String = "false", fileName: String = "users.xlsx") async throws -> MockResponse {
                    await host.send(.post, "/system/user/importData", multipart: [
                        MultipartPart(name: "file", fileName: fileName, contentType: Self.xlsxType, content: try SheetFiles.xlsx([header] + rows)),
                        .field("updateSupport", updateSupport),
                    ], headers: admin)
                }
                let bad = try await upload([
                    ["100", "frank", "Frank", "frank@example.com", "13900000001", "Male", "Active", "viewer", "Start#Pass123"],
                    ["100", "9lives", "Cat", "", "", "", "", "", "Cat#Start12345"],
                    ["100", "gina", "Gina", "not-mail", "", "Female", "", "", "Begin#Pass456"],
                    ["100", "hank", "Hank", "", "", "", "", "nosuchrole", "Other#Pass789"],
                    ["100", "ivy", "Ivy", "", "", "", "", "", ""],
                ])
                #expect(bad.code == 500)
                #expect(bad.msg == "Import failed, nothing was imported: 4 row(s) with errors: "
                        + "row 3: userName: must be 2 to 30 characters: letters, digits, '_', '.', '-' or '@', starting with a letter; "
                        + "row 4: email: must be an e-mail address like name@example.com; row 5: Roles: no role has the key 'nosuchrole'; "
                        + "row 6: Initial password: is required for a new user", "\(bad.text)")
                #expect(await host.send(.get, "/system/user/list", headers: admin).userNames == ["admin"], "all or nothing")

                let good = try await upload([
                    ["100", "frank", "Frank", "frank@example.com", "13900000001", "Male", "Active", "viewer", "Start#Pass123"],
                    ["", "gina", "Gina", "gina@example.com", "", "2", "1", "", "Begin#Pass456"],
                ])
                #expect(good.code == 200 && good.msg == "Import finished: 2 user(s) added, 0 updated", "\(good.text)")
                #expect(await host.send(.get, "/system/user/list", headers: admin).userNames == ["admin", "frank", "gina"])
                #expect(try await host.login("frank", "Start#Pass123").data?["mustChangePassword"]?.boolValue == true)

                let again = try await upload([["100", "frank", "Franklin", "", "", "", "", "", ""]])
                #expect(again.msg?.hasSuffix("row 2: the user 'frank' already exists (import with updateSupport=true to update it)") == true)
                let update = try await upload([["100", "frank", "Franklin", "", "", "", "Inactive", "", ""]], updateSupport: "true")
                #expect(try await host.login("frank", "Start#Pass123").msg == "the account is disabled; ask an administrator")
                #expect(update.msg == "Import finished: 0 user(s) added, 1 updated", "\(update.text)")
                let frank = try await host.userID("frank")
                #expect(await host.send(.get, "/system/user/\(frank)", headers: admin).data?["user"]?["nickName"]?.stringValue == "Franklin")
                #expect(await host.send(.get, "/system/user/\(frank)", headers: admin).data?["user"]?["status"]?.stringValue == "0")

                let csv = await host.send(.post, "/system/user/importData", multipart: [
                    MultipartPart(name: "file", fileName: "users.csv", contentType: "text/csv", content: Array("User name\nzed\n".utf8)),
                ], headers: admin)
                #expect(csv.msg == "The uploaded file type is not supported, only the following types are supported: xls, xlsx")
                let disguised = await host.send(.post, "/system/user/importData", multipart: [
                    MultipartPart(name: "file", fileName: "users.xlsx", contentType: Self.xlsxType, content: Array("User name\nzed\n".utf8)),
                ], headers: admin)
                #expect(disguised.code == 500 && disguised.msg?.hasPrefix("file: ") == true, "\(disguised.text)")
                // A real .xls workbook is read; this one (the Spreadsheet tests' fixture) is not in the template's layout.
                let legacy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("SpreadsheetTests/Fixtures/legacy.xls")
                let xls = await host.send(.post, "/system/user/importData", multipart: [
                    MultipartPart(name: "file", fileName: "users.xls", contentType: "application/vnd.ms-excel", content: Array(try Data(contentsOf: legacy))),
                ], headers: admin)
                #expect(xls.msg == "file: the first row must be the template's header, with a 'User name' column", "\(xls.text)")
                let noFile = await host.send(.post, "/system/user/importData", multipart: [.field("updateSupport", "true")], headers: admin)
                #expect(noFile.msg == "file: is required: the .xls or .xlsx file to import")
                let imports = host.operations.filter { $0.url.hasPrefix("/system/user/importData") }
                #expect(imports.count == 8 && imports.allSatisfy { $0.businessType == .import })
                #expect(!host.operations.contains { $0.url.hasPrefix("/system/user/importTemplate") }, "the template is a read")
            }
        }

        @Test func passwordsNeverAppearInAnswersOrTheOperationLog() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let secret = "Never#Shown42x"
                let id = try await host.addUser("quinn", password: secret, roles: [], as: admin)
                var answers: [MockResponse] = []
                answers.append(try await host.send(.put, "/system/user/resetPwd", json: ["userId": .string(String(id)), "password": .string(secret + "2")] as JSONValue,
                                                   headers: admin))
                answers.append(await host.send(.get, "/system/user/list", headers: admin))
                answers.append(await host.send(.get, "/system/user/\(id)", headers: admin))
                answers.append(await host.send(.get, "/oms1350/data/plat/usermgt/users", headers: admin))
                answers.append(try await host.send(.post, "/oms1350/data/plat/usermgt/updateuser",
                                                   json: ["name": "quinn", "attrlist": [["userPassword": .string(secret + "3")]]] as JSONValue, headers: admin))
                answers.append(try await host.send(.post, "/oms1350/data/plat/usermgt/createuser",
                                                   json: ["name": "rita", "almapOsprofiles": "Viewer", "userPassword": .string(secret + "4")] as JSONValue,
                                                   headers: admin))
                let hashes = try await host.database.read { db in try db.query("SELECT password_hash FROM security_user", []).compactMap { $0.string("password_hash") } }
                for answer in answers {
                    #expect(!answer.text.contains(secret), "\(answer.text)")
                    for hash in hashes { #expect(!answer.text.contains(hash)) }
                }
                let logged = try await host.database.read { db in
                    try db.query("SELECT oper_param, json_result FROM security_oper_log", []).map { ($0.string("oper_param") ?? "") + ($0.string("json_result") ?? "") }
                }
                #expect(logged.count >= 4)
                #expect(!logged.contains { $0.contains(secret) } && !host.operations.contains { $0.parameters.contains(secret) })
                #expect(logged.contains { $0.contains("******") })
            }
        }

        @Test func injectionStringsInAdministrationFiltersChangeNothing() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                _ = try await host.send(.post, "/system/post", json: ["postCode": "SE", "postName": "Engineer"], headers: admin)
                let attacks = ["' OR '1'='1", "%", "_", "\\", "admin' --", "\"; DROP TABLE security_user; --", "1) OR (1=1", "%' OR 1=1 --"]
                let lists = ["/system/user/list": ["userName", "phonenumber"], "/system/post/list": ["postCode", "postName"],
                             "/system/role/list": ["roleName", "roleKey"], "/system/dept/list": ["deptName"], "/system/dept/treeSelect": ["deptName"]]
                for (list, fields) in lists {
                    for field in fields {
                        for attack in attacks {
                            let encoded = attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                            let answer = await host.send(.get, "\(list)?\(field)=\(encoded)", headers: admin)
                            #expect(answer.code == 200, "\(list) \(field)=\(attack): \(answer.text)")
                            let matched = answer.json?["total"]?.intValue ?? answer.data?.arrayValue?.count ?? -1
                            #expect(matched == 0, "\(list) \(field)=\(attack) matched \(matched)")
                        }
                    }
                }
                let injectedDept = await host.send(.get, "/system/user/list?deptId=1%20OR%201%3D1", headers: admin)
                #expect(injectedDept.msg == "deptId: must be a positive integer id, not '1 OR 1=1'")
                let injectedRole = await host.send(.get, "/system/role/authUser/allocatedList?roleId=1%20OR%201%3D1", headers: admin)
                #expect(injectedRole.msg == "roleId: must be a positive integer id, not '1 OR 1=1'")
                #expect(await host.send(.get, "/system/user/list", headers: admin).userNames == ["admin"])
                #expect(await host.send(.get, "/system/post/list?postName=ngin", headers: admin).json?["total"]?.intValue == 1, "a plain substring still matches")
                #expect(await host.send(.get, "/system/role/list", headers: admin).json?["total"]?.intValue == 7)
            }
        }
    }
}
