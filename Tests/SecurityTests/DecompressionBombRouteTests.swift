import Foundation
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// A decompression bomb (256 MiB behind a header that claims 4 KiB) sent to a real `omc serve`'s user import is refused at once, with
    /// the process's memory flat and nothing written outside its data folder.
    @Suite struct DecompressionBombRouteTests {
        @Test(arguments: [WorkbookBomb.Part.sharedStrings, .sheet])
        func theUserImportRefusesABombWithoutInflatingIt(part: WorkbookBomb.Part) async throws {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("omc-bomb-tmp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: temporary) }
            let bomb = temporary.appendingPathComponent("bomb.xlsx").path
            try WorkbookBomb.write(to: bomb, exploding: part, to: 256 << 20, declaredBytes: 4_096)
            let upload = Array(try Data(contentsOf: URL(fileURLWithPath: bomb)))
            try FileManager.default.removeItem(atPath: bomb)

            let omc = try OMCProcess(configuration: """
                plugins:
                  - id: security
                    config:
                      adminPassword: "\(SecurityHost.firstPassword)"
                      captchaEnabled: false
                      passwordCost: 1
                """, environment: ["TMPDIR": temporary.path])
            let token = try await omc.adminToken(first: SecurityHost.firstPassword, new: SecurityHost.adminPassword)
            let boundary = "bomb-\(UUID().uuidString)"
            let body = MultipartPart.encode([MultipartPart(name: "file", fileName: "users.xlsx", content: upload)], boundary: boundary)
            let answer = try await omc.request("POST", "/system/user/importData", body: Data(body), headers: [
                "Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=\(boundary)",
            ])
            let message = (try? JSONDecoder().decode(JSONValue.self, from: answer.body))?["msg"]?.stringValue ?? ""
            #expect(message.contains("the part \(part.rawValue) inflates more than 100 times its compressed size"), "\(message)")
            #expect(message.contains("decompression bomb"))

            let peak = try omc.peakResidentMebibytes()
            #expect(peak < 300, "peak RSS \(peak) MiB")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "nothing was written to TMPDIR")
            #expect(try omc.largestFileInDataFolder() < 4 << 20)
            _ = omc.stop()
        }
    }
}
