import Foundation
import OMCTesting
import PluginAPI
import Testing

/// Imports through the host: good files reach the NE and the OMC; bad lines, a wrong encoding, an
/// empty file and a binary file are refused whole, naming the problem, and change nothing.
@Suite(.serialized) struct ImportTests {
    func upload(_ host: MockHost, _ content: [UInt8], resource: String = "sub", neID: String = "001",
                fileName: String = "subscribers.csv") async -> MockResponse {
        await host.send(.post, "/ne/udm/\(resource)/import", multipart: [
            .field("neId", neID),
            MultipartPart(name: "file", fileName: fileName, contentType: "text/csv", content: content),
        ])
    }

    @Test func aGoodFileIsImportedOnBothSidesAndReadsLikeAnExport() async throws {
        try await UDMHarness.run() { harness async throws in
        let host = harness.host
        var csv = "\u{FEFF}imsi,msisdn,ambr,nssai,smData,apnContext\r\n"
        for index in 0..<250 { csv += "46001000000\(String(format: "%04d", index)),86137000\(String(format: "%05d", index)),def_ambr,def_nssai,internet,\"1,2\"\r\n" }
        let imported = await upload(host, Array(csv.utf8))
        #expect(imported.data?.intValue == 250, "\(imported.text)")
        #expect(try await harness.neRecords("sub").count == 250)
        #expect(await host.send(.get, "/ne/udm/sub/001/460010000000249").data?["apnContext"]?.stringValue == "1,2")

        // An export of UDM/001 imports into UDM/002 as is, as tab-separated text too.
        let export = try await host.send(.post, "/ne/udm/sub/export", json: ["neId": "001", "type": "txt"] as JSONValue)
        let again = await upload(host, export.body, neID: "002", fileName: "subscribers.txt")
        #expect(again.data?.intValue == 250, "\(again.text)")
        #expect(try await harness.neRecords("sub", neID: "002").count == 250)

        let auth = "imsi\tki\topc\tamf\talgoIndex\n460010000000001\t0123456789abcdef0123456789abcdef\tfedcba9876543210fedcba9876543210\t8000\t2\n"
        #expect(await upload(host, Array(auth.utf8), resource: "auth", fileName: "auth.txt").data?.intValue == 1)
        #expect(try await harness.neRecords("auth")["460010000000001"]?["algoIndex"]?.stringValue == "2")
        #expect(host.operations.allSatisfy { !"\($0)".contains("0123456789abcdef0123456789abcdef") })
        }
    }

    /// With `Prefer: respond-async` the import outlives its request, and so its upload, which the
    /// host removes when the answer is sent: the plugin keeps its own copy. Two parts reach the NE.
    @Test func anImportAskedAsynchronouslyOutlivesItsRequest() async throws {
        let harness = try await UDMHarness()
        let host = harness.host
        var csv = "imsi,msisdn,ambr,nssai,smData\n"
        for index in 0..<12_000 { csv += "46003000\(String(format: "%07d", index)),8613900\(String(format: "%06d", index)),def_ambr,def_nssai,internet\n" }
        let accepted = await host.send(.post, "/ne/udm/sub/import", multipart: [
            .field("neId", "001"), MultipartPart(name: "file", fileName: "subscribers.csv", contentType: "text/csv", content: Array(csv.utf8)),
        ], headers: ["Prefer": "respond-async"])
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(accepted.data?["operationId"]?.stringValue)
        var operation = JSONValue.null
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            operation = await host.send(.get, "/monitor/operation/\(id)").data ?? .null
            if operation["state"]?.stringValue != "running" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(operation["state"]?.stringValue == "succeeded" && operation["result"]?.intValue == 12_000, "\(operation)")
        #expect(operation["kind"]?.stringValue == "udm.sub.import")
        #expect(try await harness.neRecords("sub").count == 12_000)
        #expect(await host.send(.get, "/ne/udm/sub/list?neId=001").json?["total"]?.intValue == 12_000)
        await harness.stop()
    }

    @Test func badFilesAreRefusedWholeAndNameTheirProblems() async throws {
        try await UDMHarness.run() { harness async throws in
        let host = harness.host
        let header = "imsi,msisdn,ambr,nssai,smData\n"
        let badLines = header
            + "460010000000001,8613700000001,def_ambr,def_nssai,internet\n"
            + "46001000000000,8613700000002,def_ambr,def_nssai,internet\n"
            + "460010000000003,86137,def_ambr,def_nssai\n"
            + "460010000000001,8613700000004,def_ambr,def_nssai,internet\n"
            + "460010000000005,8613700000005,\"def_ambr,def_nssai,internet\n"
        let refused = await upload(host, Array(badLines.utf8))
        #expect(refused.status == 400)
        #expect(refused.msg == "import refused, nothing changed: 4 of 5 lines failed: line 3: imsi: must be 15 decimal digits; "
                + "line 4: 4 fields, the header names 5; line 5: IMSI 460010000000001 appears again (first on line 2); "
                + "line 6: a quoted field is not closed", "\(refused.text)")

        var latin1: [UInt8] = Array((header + "460010000000001,8613700000001,def_ambr,def_nssai,internet\n").utf8)
        latin1 += [0x34, 0x36, 0x30, 0x2C, 0xE9, 0x0A]  // "460,é" in Latin-1
        let encoding = await upload(host, latin1)
        #expect(encoding.msg?.contains("line 3: not UTF-8 text") == true, "\(encoding.text)")

        #expect(await upload(host, []).msg == "file: is empty")
        #expect(await upload(host, Array(header.utf8)).msg == "file: holds no record below its header")
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array(repeating: 0xFF, count: 100)
        #expect(await upload(host, binary).msg?.hasPrefix("file: is not a text file") == true)
        #expect(await upload(host, Array("imsi,colour\n460010000000001,red\n".utf8)).msg?.hasPrefix("file: line 1: column 'colour' is not a subscription field") == true)
        #expect(await upload(host, Array("msisdn,ambr\n8613700000001,x\n".utf8)).msg == "file: line 1: the required column 'imsi' is missing")
        #expect(await host.send(.post, "/ne/udm/sub/import", multipart: [.field("neId", "001")]).msg == "file: is required: the csv or txt file to import")

        // A record the OMC already holds refuses the whole file, naming the line.
        #expect(try await host.send(.post, "/ne/udm/sub/001", json: UDMHarness.subscription(imsi: "460010000000007", msisdn: "8613700000007")).code == 200)
        let clash = await upload(host, Array((header + "460010000000006,8613700000006,a,b,c\n460010000000007,8613700000007,a,b,c\n").utf8))
        #expect(clash.status == 409 && clash.msg?.contains("IMSI 460010000000007 (line 3)") == true, "\(clash.text)")

        #expect(try await harness.neRecords("sub").count == 1)
        #expect(await host.send(.get, "/ne/udm/sub/list").json?["total"]?.intValue == 1)
        }
    }
}
