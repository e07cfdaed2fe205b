import Foundation
import OMCTesting
import PluginAPI
import Spreadsheet
import Testing
@testable import UDM

/// The ten authentication routes, with Ki and OPc sealed at rest and masked for callers without the
/// secret right.
@Suite(.serialized) struct AuthenticationRouteTests {
    @Test func authenticationDataIsAppliedToTheNEAndSealedAtRest() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            let added = try await host.send(.post, "/ne/udm/auth/001", json: UDMHarness.authentication(imsi: "460000100000030"))
            #expect(added.code == 200, "\(added.text)")
            #expect(try await harness.neRecords("auth")["460000100000030"]?["ki"]?.stringValue == "0123456789abcdef0123456789abcdef")

            // Without an identity plugin every right is held: Ki and OPc read in clear.
            let read = await host.send(.get, "/ne/udm/auth/001/460000100000030")
            #expect(read.data?["ki"]?.stringValue == "0123456789abcdef0123456789abcdef" && read.data?["amf"]?.stringValue == "8000")
            #expect(read.data?["status"]?.stringValue == "1" && read.data?["algoIndex"]?.stringValue == "0")

            // At rest, the database holds neither value.
            let stored = try await host.database.read { db in try db.query("SELECT ki, opc FROM udm_auth", []) }
            let bytes = try #require(stored.first?.blob("ki"))
            #expect(bytes.count == 12 + 32 + 16, "nonce, the 32 characters sealed, tag")
            #expect(!String(decoding: bytes, as: UTF8.self).contains("0123456789abcdef"))
            // The key was created owner-only under <data>/udm.
            let attributes = try FileManager.default.attributesOfItem(atPath: host.dataDirectory + "/udm/secret.key")
            #expect((attributes[.posixPermissions] as? Int) == 0o600)

            let modified = try await host.send(.put, "/ne/udm/auth/001", json: ["imsi": "460000100000030", "amf": "9001", "algoIndex": 3] as JSONValue)
            #expect(modified.code == 200, "\(modified.text)")
            #expect(try await harness.neRecords("auth")["460000100000030"]?["amf"]?.stringValue == "9001")
            #expect(await host.send(.get, "/ne/udm/auth/001/460000100000030").data?["algoIndex"]?.stringValue == "3")

            #expect(try await host.send(.post, "/ne/udm/auth/001/99", json: UDMHarness.authentication(imsi: "460000100000100")).data?.intValue == 99)
            #expect(await host.send(.get, "/ne/udm/auth/list?neId=001").json?["total"]?.intValue == 100)
            #expect(try await harness.neRecords("auth").count == 100)
            #expect(await host.send(.delete, "/ne/udm/auth/001/460000100000100/50").data?.intValue == 50)
            #expect(await host.send(.delete, "/ne/udm/auth/001/460000100000030").code == 200)
            #expect(try await harness.neRecords("auth").count == 49)

            let export = try await host.send(.post, "/ne/udm/auth/export", json: ["neId": "001", "type": "csv"] as JSONValue)
            #expect(export.text.split(separator: "\n").count == 50)
            #expect(export.text.contains("0123456789abcdef0123456789abcdef"))

            #expect(try await harness.neCall("DELETE", "auth", body: "460000100000150\n").0 == 200)
            #expect(await host.send(.put, "/ne/udm/auth/resetData/001").data?.intValue == 48)
            #expect(await host.send(.get, "/ne/udm/auth/001/460000100000150").status == 404)

            // The operation log never holds the secrets.
            for record in host.operations {
                let text = "\(record)"
                #expect(!text.contains("0123456789abcdef0123456789abcdef") && !text.contains("fedcba9876543210fedcba9876543210"), "\(text)")
            }
        }
    }

    @Test func secretsAreMaskedWithoutTheSecretRight() async throws {
        let harness = try await UDMHarness(plugins: [OperatorIdentity.self], extraYAML: "  - id: operator-identity\n")
        let host = harness.host
        let admin = ["Authorization": "Bearer admin-token"]
        let operatorHeaders = ["Authorization": "Bearer operator-token"]
        #expect(try await host.send(.post, "/ne/udm/auth/001", json: UDMHarness.authentication(imsi: "460000100000030"), headers: operatorHeaders).code == 200)
        let masked = await host.send(.get, "/ne/udm/auth/001/460000100000030", headers: operatorHeaders)
        #expect(masked.data?["ki"]?.stringValue == UDMRecord.mask && masked.data?["opc"]?.stringValue == UDMRecord.mask)
        #expect(await host.send(.get, "/ne/udm/auth/list", headers: operatorHeaders).json?["rows"]?[0]?["ki"]?.stringValue == UDMRecord.mask)
        let export = try await host.send(.post, "/ne/udm/auth/export", json: ["neId": "001", "type": "txt"] as JSONValue, headers: operatorHeaders)
        #expect(export.text.contains(UDMRecord.mask) && !export.text.contains("0123456789abcdef"))
        // The xlsx export, as the document's other exports offer: masked the same way, IMSI as text.
        for (headers, ki) in [(operatorHeaders, UDMRecord.mask), (admin, "0123456789abcdef0123456789abcdef")] {
            let workbook = try await host.send(.post, "/ne/udm/auth/export", json: ["neId": "001", "type": "xlsx"] as JSONValue, headers: headers)
            #expect(workbook.status == 200, "\(workbook.text.prefix(300))")
            #expect(workbook.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(workbook.headers["Content-Disposition"]?.contains(".xlsx") == true)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("udm-auth-\(UUID().uuidString).xlsx").path
            try Data(workbook.body).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var rows: [[String]] = []
            try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells) }
            #expect(rows.count == 2, "\(rows)")
            let header = rows.first ?? []
            let values = Dictionary(uniqueKeysWithValues: zip(header, rows.last ?? []))
            #expect(values["imsi"] == "460000100000030" && values["ki"] == ki, "\(rows)")
        }
        let mml = try await host.mml(["DSP AUTHDAT: IMSI=460000100000030"], neType: "udm", neID: "001", headers: operatorHeaders)
        #expect(mml.data?[0]?["output"]?.stringValue?.contains("ki = \(UDMRecord.mask)") == true, "\(mml.text)")
        let clear = await host.send(.get, "/ne/udm/auth/001/460000100000030", headers: admin)
        #expect(clear.data?["ki"]?.stringValue == "0123456789abcdef0123456789abcdef")
        #expect(await host.send(.get, "/ne/udm/auth/list").status == 401)
        await harness.stop()
    }

    @Test func aConfiguredKeyIsUsedAndAMalformedOneRefused() async throws {
        let key = String(repeating: "ab", count: 32)
        let harness = try await UDMHarness(configuration: UDMHarness.configuration(", secretKey: \"\(key)\""))
        #expect(try await harness.host.send(.post, "/ne/udm/auth/001", json: UDMHarness.authentication(imsi: "460000100000031")).code == 200)
        #expect(!FileManager.default.fileExists(atPath: harness.host.dataDirectory + "/udm/secret.key"))
        await harness.stop()
        #expect(throws: OMCError.self) { try SecretBox.load(configured: "abc", folder: "/nonexistent") }
    }
}
