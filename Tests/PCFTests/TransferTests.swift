import Foundation
import OMCTestSupport
import OMCTesting
import PluginAPI
import Spreadsheet
import Testing

/// Import and export of UE policies as xlsx and csv, through the mock host's uploads and downloads.
@Suite(.serialized) struct TransferTests {
    let base = PCFHarness.base

    static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pcf-test-\(UUID().uuidString)-\(name)").path
    }

    @Test func exportsXLSXAndCSVThatImportBackIdentical() async throws {
        let pcf = try await PCFHarness()
        _ = try await pcf.host.send(.post, base + "/300?neId=001", json: PCFHarness.policy(imsi: "001010000000000", msisdn: "0861000000"))
        _ = try await pcf.host.send(.put, base + "?neId=001", json: ["imsi": "001010000000007", "pccRules": "", "sar": "area-7.b"] as JSONValue)

        let xlsx = await pcf.host.send(.get, base + "/export?neId=001&type=xlsx")
        #expect(xlsx.status == 200, "\(xlsx.text.prefix(300))")
        #expect(xlsx.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(xlsx.downloadFileName?.hasPrefix("pcf_ueInfo_001_") == true)
        let path = Self.scratch("export.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(xlsx.body).write(to: URL(fileURLWithPath: path))
        var rows: [[String]] = []
        try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells) }
        #expect(rows.count == 301)
        #expect(rows[0] == ["imsi", "msisdn", "rfsp", "sar", "pccRules", "sessRules", "uePolicy", "qosAudio", "qosVideo", "hdrEnrich"])
        #expect(rows[1] == ["001010000000000", "0861000000", "1", "def_sar", "internet|ims_sig", "internet|ims_sig", "uep_001", "qos_audio", "qos_video", "dnn"])

        let csv = await pcf.host.send(.get, base + "/export?neId=001&type=csv")
        #expect(csv.headers["Content-Type"] == "text/csv;charset=UTF-8")
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.count == 301)
        #expect(lines[1] == "001010000000000,0861000000,1,def_sar,internet|ims_sig,internet|ims_sig,uep_001,qos_audio,qos_video,dnn")

        // Both files import into the other PCF and give the same policies.
        for (name, body) in [("policies.xlsx", xlsx.body), ("policies.csv", csv.body)] {
            let neID = name.hasSuffix("xlsx") ? "002" : "001"
            if neID == "001" { _ = await pcf.host.send(.delete, base + "/300?neId=001&imsi=001010000000000") }
            let imported = await pcf.host.send(.post, base + "/import?neId=\(neID)", multipart: [MultipartPart(name: "file", fileName: name, content: body)])
            #expect(imported.status == 200, "\(name): \(imported.text)")
            #expect(imported.data?["imported"]?.intValue == 300)
            #expect(try await pcf.neCount(neID: neID) == 300)
            let seven = await pcf.host.send(.get, base + "?neId=\(neID)&imsi=001010000000007")
            #expect(seven.data?[0]?["sar"]?.stringValue == "area-7.b")
            #expect(seven.data?[0]?["pccRules"]?.stringValue == "")
            #expect(seven.data?[0]?["msisdn"]?.stringValue == "0861000007")
        }
        await pcf.stop()
    }

    @Test func anImportWithBrokenRowsChangesNothingAndNamesThem() async throws {
        try await PCFHarness.run() { pcf async throws in
            let csv = """
                IMSI,MSISDN,rfsp,pccRules
                460990100000001,86755900001,1,internet
                46099010000000,86755900002,1,internet
                460990100000003,86755900003,999,internet
                460990100000001,86755900004,1,internet
                460990100000005,86755900005,2,"internet|ims_sig"

                """
            let response = await pcf.host.send(.post, base + "/import?neId=001", multipart: [
                MultipartPart(name: "file", fileName: "p.csv", contentType: "text/csv", content: Array(csv.utf8)),
            ])
            #expect(response.status == 400)
            #expect(response.msg == "file: 3 row(s) refused, nothing was imported: row 3: imsi: must be 15 decimal digits; row 4: rfsp: must be an integer from 0 to 256; row 5: imsi: 460990100000001 is already on row 2")
            #expect(try await pcf.neCount() == 0)

            let header = await pcf.host.send(.post, base + "/import?neId=001", multipart: [
                MultipartPart(name: "file", fileName: "p.csv", content: Array("imsi,phone\n460990100000001,1\n".utf8)),
            ])
            #expect(header.msg == "file: line 1: column 'phone' is not a UE policy field; the columns are imsi, msisdn, rfsp, sar, pccRules, sessRules, uePolicy, qosAudio, qosVideo, hdrEnrich")
            let noFile = await pcf.host.send(.post, base + "/import?neId=001", multipart: [.field("neId", "001")])
            #expect(noFile.msg == "file: is required: send the xlsx, xls or csv file in form field 'file'")
            let corrupt = await pcf.host.send(.post, base + "/import?neId=001", multipart: [
                MultipartPart(name: "file", fileName: "p.xlsx", content: [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]),
            ])
            #expect(corrupt.status == 400 && corrupt.msg?.hasPrefix("file: p.xlsx: the .xlsx file is not a readable ZIP archive") == true, "\(corrupt.text)")
            let notMultipart = try await pcf.host.send(.post, base + "/import?neId=001", json: ["file": "x"])
            #expect(notMultipart.status == 400 && notMultipart.msg?.hasPrefix("Content-Type:") == true)
            #expect(try await pcf.neCount() == 0)
        }
    }

    @Test func aDecompressionBombIsRefusedBeforeItInflates() async throws {
        let pcf = try await PCFHarness()
        let path = Self.scratch("bomb.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try WorkbookBomb.write(to: path, exploding: .sharedStrings, to: 2 << 20, declaredBytes: 1 << 30)
        let response = await pcf.host.send(.post, base + "/import?neId=001", multipart: [
            MultipartPart(name: "file", fileName: "bomb.xlsx", content: Array(try Data(contentsOf: URL(fileURLWithPath: path)))),
        ])
        #expect(response.status == 400)
        #expect(response.msg == "file: bomb.xlsx: the part xl/sharedStrings.xml is declared to inflate to more than 64 MiB, "
            + "the most this OMC reads for it; the workbook is refused (split it into smaller files)", "\(response.text)")
        #expect(try await pcf.neCount() == 0)
        await pcf.stop()
    }

    @Test func importsALegacyXLSWorkbook() async throws {
        try await PCFHarness.run() { pcf async throws in
            let url = try #require(Bundle.module.url(forResource: "ue-policies", withExtension: "xls", subdirectory: "Fixtures"))
            let response = await pcf.host.send(.post, base + "/import?neId=002", multipart: [
                MultipartPart(name: "file", fileName: "ue-policies.xls", content: Array(try Data(contentsOf: url))),
            ])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.data?["imported"]?.intValue == 2)
            #expect(try await pcf.nePolicy(imsi: "460990100000101", neID: "002")?["pccRules"]?.stringValue == "internet|ims_sig")
            #expect(try await pcf.nePolicy(imsi: "460990100000102", neID: "002")?["rfsp"]?.intValue == 2)
            #expect(try await pcf.nePolicy(imsi: "460990100000102", neID: "002")?["sar"]?.stringValue == "")
        }
    }

    @Test func importsAWorkbookWithColumnsInAnyOrder() async throws {
        let pcf = try await PCFHarness()
        let path = Self.scratch("in.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path)
        try writer.appendRow([.text("msisdn"), .text("imsi"), .text("RFSP"), .text("uePolicy")])
        try writer.appendRow([.integer(8613800000001), .text("460001234567890"), .integer(3), .text("uep_1")])
        try writer.appendRow([.empty, .empty, .empty, .empty])
        try writer.appendRow([.integer(8613800000002), .integer(460001234567891), .empty, .empty])
        try writer.close()
        let response = await pcf.host.send(.post, base + "/import", multipart: [
            .field("neId", "001"),
            MultipartPart(name: "file", fileName: "in.xlsx", content: Array(try Data(contentsOf: URL(fileURLWithPath: path)))),
        ])
        #expect(response.status == 200, "\(response.text)")
        #expect(response.data?["imported"]?.intValue == 2)
        #expect(try await pcf.nePolicy(imsi: "460001234567890")?["uePolicy"]?.stringValue == "uep_1")
        #expect(try await pcf.nePolicy(imsi: "460001234567891")?["msisdn"]?.stringValue == "8613800000002")
        await pcf.stop()
    }
}
