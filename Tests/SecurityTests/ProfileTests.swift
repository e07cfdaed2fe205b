import Foundation
import OMCTesting
import PluginAPI
import Spreadsheet
import Testing

extension SecurityTestSuite {
    /// The caller's profile and avatar, and the log exports.
    @Suite struct ProfileTests {
        static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x11, count: 64)
        static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x22, count: 64)

        @Test func theProfileShowsTheAccountAndChangesOnlyValidFields() async throws {
            try await SecurityHost.start(["registrationEnabled": "true"]).use { host async throws in
                let admin = try await host.admin()
                let profile = await host.send(.get, "/system/user/profile", headers: admin)
                #expect(profile.data?["user"]?["userName"]?.stringValue == "admin")
                #expect(profile.data?["user"]?["dept"]?["deptName"]?.stringValue == "OMC")
                #expect(profile.data?["roleGroup"] == .array([.string("Admin")]))
                #expect(profile.data?["postGroup"] == .array([]))
                #expect(profile.data?["user"]?["loginIp"]?.stringValue == "127.0.0.1")

                let changed = try await host.send(.put, "/system/user/profile",
                                                  json: ["nickName": "Simon", "sex": "1", "phonenumber": "18169338391", "email": "xx@example.com"],
                                                  headers: admin)
                #expect(changed.code == 200)
                let after = await host.send(.get, "/system/user/profile", headers: admin)
                #expect(after.data?["user"]?["nickName"]?.stringValue == "Simon" && after.data?["user"]?["phonenumber"]?.stringValue == "18169338391")
                let bad = [
                    ["nickName": "", "sex": "1"]: "nickName: must be 1 to 30 characters",
                    ["nickName": "S", "sex": "9"]: "sex: must be 0 (unknown), 1 (male) or 2 (female)",
                    ["nickName": "S", "sex": "1", "phonenumber": "12ab"]: "phonenumber: must be a phone number: 5 to 20 digits, optionally led by +",
                    ["nickName": "S", "sex": "1", "email": "not-an-address"]: "email: must be an e-mail address like name@example.com, at most 50 characters",
                ]
                for (body, message) in bad {
                    let answer = try await host.send(.put, "/system/user/profile", json: body, headers: admin)
                    #expect(answer.status == 400 && answer.msg == message)
                }
                #expect(await host.send(.get, "/system/user/profile", headers: admin).data?["user"]?["nickName"]?.stringValue == "Simon",
                        "refused changes change nothing")
                let other = try await host.registered("carol")
                let taken = try await host.send(.put, "/system/user/profile", json: ["nickName": "C", "sex": "0", "phonenumber": "18169338391"],
                                                headers: other)
                #expect(taken.status == 409 && taken.msg == "Failed to modify user [carol], the mobile phone number already exists")
            }
        }

        @Test func avatarsArePNGOrJPEGByNameAndContent() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let wrongType = await host.send(.post, "/system/user/profile/avatar",
                                                multipart: [MultipartPart(name: "file", fileName: "me.gif", contentType: "image/gif", content: [0x47, 0x49, 0x46])],
                                                headers: admin)
                #expect(wrongType.status == 400)
                #expect(wrongType.msg == "file: The uploaded file type is not supported, only the following types are supported: jpg, jpeg, png")
                let disguised = await host.send(.post, "/system/user/profile/avatar",
                                                multipart: [MultipartPart(name: "file", fileName: "me.png", contentType: "image/png", content: Array("<?php".utf8))],
                                                headers: admin)
                #expect(disguised.msg == "file: the content is not a png picture")
                let traversal = await host.send(.post, "/system/user/profile/avatar",
                                                multipart: [MultipartPart(name: "file", fileName: "../../etc/passwd.png", contentType: "image/png", content: Self.png)],
                                                headers: admin)
                let url = try #require(traversal.data?.stringValue)
                #expect(url.hasPrefix("/profile/avatar/") && url.hasSuffix(".png") && !url.contains(".."), "the OMC names the file")
                let served = await host.send(.get, url, headers: admin)
                #expect(served.status == 200 && served.body == Self.png && served.headers["Content-Type"] == "image/png")
                #expect(await host.send(.get, url).status == 401)

                let jpeg = await host.send(.post, "/system/user/profile/avatar",
                                           multipart: [MultipartPart(name: "avatarfile", fileName: "me.JPEG", contentType: "image/jpeg", content: Self.jpeg)],
                                           headers: admin)
                let second = try #require(jpeg.data?.stringValue)
                #expect(second.hasSuffix(".jpg"))
                #expect(await host.send(.get, url, headers: admin).status == 404, "the replaced picture is gone")
                #expect(await host.send(.get, "/system/user/profile", headers: admin).data?["user"]?["avatar"]?.stringValue == second)
                #expect(await host.send(.get, "/profile/avatar/..%2F..%2Fjwt.key", headers: admin).status == 404)
            }
        }

        @Test func logExportsAreRealWorkbooksOfTheFilteredRows() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                _ = try await host.login("mallory", "Wrong#Pass1")
                let export = try await host.send(.post, "/monitor/logininfor/export", json: ["status": "0", "pageNum": "1", "pageSize": "10"],
                                                 headers: admin)
                #expect(export.status == 200)
                #expect(export.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                let disposition = export.headers["Content-Disposition"] ?? ""
                #expect(disposition.contains("logininfor_export_1_") && disposition.contains(".xlsx"))
                let rows = try Self.rows(of: export.body)
                #expect(rows.first == ["Access ID", "User name", "IP address", "Location", "Browser", "Operating system", "Status", "Message", "Login time"])
                #expect(rows.count == 2 && rows[1][1] == "mallory" && rows[1][6] == "Failure" && rows[1][7] == "wrong user name or password")

                let empty = try await host.send(.post, "/monitor/logininfor/export", json: ["userName": "nobody"], headers: admin)
                #expect(empty.status == 400 && empty.msg == "Export data record is empty")

                let operations = try await host.send(.post, "/monitor/operlog/export", json: [String: String](), headers: admin)
                let operationRows = try Self.rows(of: operations.body)
                #expect(operationRows.first?.prefix(3) == ["Log ID", "Title", "Business type"])
                #expect(operationRows.contains { $0.count > 1 && $0[1] == "Change the caller's password" })
                #expect(!operations.text.contains(SecurityHost.firstPassword), "the compressed file might hide it; the rows are checked too")
                for row in operationRows { for cell in row { #expect(!cell.contains(SecurityHost.firstPassword) && !cell.contains(SecurityHost.adminPassword)) } }
                #expect(host.operations.contains { $0.title == "Export the login log as .xlsx" && $0.businessType == .export })
                let files = try FileManager.default.contentsOfDirectory(atPath: host.dataDirectory + "/tmp")
                #expect(files.isEmpty, "export files are removed once sent")
            }
        }

        static func rows(of workbook: [UInt8]) throws -> [[String]] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("security-export-\(UUID().uuidString).xlsx").path
            try Data(workbook).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var rows: [[String]] = []
            try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells) }
            return rows
        }
    }
}
