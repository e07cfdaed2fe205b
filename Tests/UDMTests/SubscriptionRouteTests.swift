import Foundation
import OMCTesting
import PluginAPI
import Testing

/// The ten subscription routes through the host, with the simulator as a real process.
@Suite(.serialized) struct SubscriptionRouteTests {
    @Test func addReadModifyListAndRemoveOneSubscriber() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            let added = try await host.send(.post, "/ne/udm/sub/001", json: UDMHarness.subscription(imsi: "460001000000001", msisdn: "8613800000001"))
            #expect(added.code == 200, "\(added.text)")
            #expect(try await harness.neRecords("sub")["460001000000001"]?["msisdn"]?.stringValue == "8613800000001")

            let read = await host.send(.get, "/ne/udm/sub/001/460001000000001")
            #expect(read.data?["msisdn"]?.stringValue == "8613800000001")
            #expect(read.data?["neId"]?.stringValue == "001" && read.data?["smData"]?.stringValue == "internet")
            #expect(read.data?["id"]?.stringValue != nil)

            let duplicate = try await host.send(.post, "/ne/udm/sub/001", json: UDMHarness.subscription(imsi: "460001000000001", msisdn: "8613800000009"))
            #expect(duplicate.status == 409 && duplicate.msg?.contains("already exists") == true, "\(duplicate.text)")
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000001").data?["msisdn"]?.stringValue == "8613800000001")

            let modified = try await host.send(.put, "/ne/udm/sub/001", json: ["imsi": "460001000000001", "msisdn": "8613800000002", "ambr": "gold"] as JSONValue)
            #expect(modified.code == 200, "\(modified.text)")
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000001").data?["ambr"]?.stringValue == "gold")
            let onNE = try await harness.neRecords("sub")["460001000000001"]
            #expect(onNE?["ambr"]?.stringValue == "gold" && onNE?["msisdn"]?.stringValue == "8613800000002" && onNE?["smData"]?.stringValue == "internet")

            let list = await host.send(.get, "/ne/udm/sub/list?neId=001&msisdn=86138")
            #expect(list.json?["total"]?.intValue == 1 && list.json?["rows"]?[0]?["imsi"]?.stringValue == "460001000000001")

            let removed = await host.send(.delete, "/ne/udm/sub/001/460001000000001")
            #expect(removed.code == 200)
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000001").status == 404)
            #expect(try await harness.neRecords("sub").isEmpty)
            #expect(await host.send(.delete, "/ne/udm/sub/001/460001000000001").status == 404)
        }
    }

    @Test func batchAddAndBatchDeleteAreAllOrNothing() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            let batch = try await host.send(.post, "/ne/udm/sub/001/300", json: UDMHarness.subscription(imsi: "460001000000100", msisdn: "8613900000100"))
            #expect(batch.data?.intValue == 300, "\(batch.text)")
            let onNE = try await harness.neRecords("sub")
            #expect(onNE.count == 300)
            #expect(onNE["460001000000399"]?["msisdn"]?.stringValue == "8613900000399")
            #expect(await host.send(.get, "/ne/udm/sub/list?neId=001").json?["total"]?.intValue == 300)

            // Overlapping the first batch by one IMSI: refused entirely, on both sides.
            let overlap = try await host.send(.post, "/ne/udm/sub/001/50", json: UDMHarness.subscription(imsi: "460001000000399", msisdn: "8613900001000"))
            #expect(overlap.status == 409 && overlap.msg?.contains("460001000000399") == true, "\(overlap.text)")
            #expect(try await harness.neRecords("sub").count == 300)
            #expect(await host.send(.get, "/ne/udm/sub/list?neId=001").json?["total"]?.intValue == 300)

            // A clash only the NE knows about (added behind the OMC's back): the NE refuses, nothing changes.
            let (status, _) = try await harness.neCall("POST", "sub", body: "imsi\tmsisdn\n460001000000420\t8613900000420\n")
            #expect(status == 200)
            let hidden = try await host.send(.post, "/ne/udm/sub/001/100", json: UDMHarness.subscription(imsi: "460001000000400", msisdn: "8613900000400"))
            #expect(hidden.status == 409 && hidden.msg?.contains("NE UDM/001 refused") == true, "\(hidden.text)")
            #expect(try await harness.neRecords("sub").count == 301)
            #expect(await host.send(.get, "/ne/udm/sub/list?neId=001").json?["total"]?.intValue == 300)

            let tooMany = try await host.send(.post, "/ne/udm/sub/001/5001", json: UDMHarness.subscription(imsi: "460001000010000", msisdn: "8613900010000"))
            #expect(tooMany.status == 400 && tooMany.msg == "num: must be an integer from 1 to 5000")
            let overflow = try await host.send(.post, "/ne/udm/sub/001/10", json: UDMHarness.subscription(imsi: "999999999999995", msisdn: "8613900010000"))
            #expect(overflow.status == 400 && overflow.msg?.hasPrefix("num:") == true)

            let deleted = await host.send(.delete, "/ne/udm/sub/001/460001000000150/100")
            #expect(deleted.data?.intValue == 100, "\(deleted.text)")
            #expect(try await harness.neRecords("sub").count == 201)
            #expect(await host.send(.get, "/ne/udm/sub/list?neId=001").json?["total"]?.intValue == 200)
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000150").status == 404)
            #expect(await host.send(.delete, "/ne/udm/sub/001/460001000000150/0").status == 400)
        }
    }

    @Test func listFiltersSortsAndPages() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            #expect(try await host.send(.post, "/ne/udm/sub/001/30", json: UDMHarness.subscription(imsi: "460001000000000", msisdn: "8613700000000")).code == 200)
            #expect(try await host.send(.post, "/ne/udm/sub/002/5", json: UDMHarness.subscription(imsi: "460002000000000", msisdn: "8613600000000")).code == 200)
            let all = await host.send(.get, "/ne/udm/sub/list")
            #expect(all.json?["total"]?.intValue == 35 && all.json?["rows"]?.arrayValue?.count == 10)
            let page = await host.send(.get, "/ne/udm/sub/list?neId=001&pageNum=3&pageSize=7&sortField=imsi&sortOrder=desc")
            #expect(page.json?["rows"]?.arrayValue?.map { $0["imsi"]?.stringValue ?? "" }.first == "460001000000015")
            #expect(page.json?["total"]?.intValue == 30)
            let byMSISDN = await host.send(.get, "/ne/udm/sub/list?msisdn=861360000000")
            #expect(byMSISDN.json?["total"]?.intValue == 5)
            let byIMSI = await host.send(.get, "/ne/udm/sub/list?imsi=46000100000001&sortField=msisdn")
            #expect(byIMSI.json?["total"]?.intValue == 10)
            #expect(await host.send(.get, "/ne/udm/sub/list?sortField=ki").msg == "sortField: must be one of imsi, neId, msisdn")
            #expect(await host.send(.get, "/ne/udm/sub/list?imsi=46%27%20OR%201=1").msg == "imsi: filter must be 1 to 15 decimal digits")
            #expect(await host.send(.get, "/ne/udm/sub/list?pageSize=5000").status == 400)
        }
    }

    @Test func resetDataReloadsWhatTheNEHolds() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            #expect(try await host.send(.post, "/ne/udm/sub/001/20", json: UDMHarness.subscription(imsi: "460001000000000", msisdn: "8613700000000")).code == 200)
            // Behind the OMC's back: one removed, one added, one changed on the NE.
            #expect(try await harness.neCall("DELETE", "sub", body: "460001000000003\n").0 == 200)
            #expect(try await harness.neCall("POST", "sub", body: "imsi\tmsisdn\tambr\tnssai\tsmData\n460001000000777\t8613700000777\tsilver\tdef\tims\n").0 == 200)
            #expect(try await harness.neCall("PUT", "sub", body: "imsi\tmsisdn\tambr\tnssai\tsmData\n460001000000005\t8613700000005\tbronze\tdef\tims\n").0 == 200)
            let reset = await host.send(.put, "/ne/udm/sub/resetData/001")
            #expect(reset.data?.intValue == 20, "\(reset.text)")
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000003").status == 404)
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000777").data?["ambr"]?.stringValue == "silver")
            #expect(await host.send(.get, "/ne/udm/sub/001/460001000000005").data?["ambr"]?.stringValue == "bronze")
            #expect(await host.send(.get, "/ne/udm/sub/list?neId=001").json?["total"]?.intValue == 20)
            #expect(await host.send(.put, "/ne/udm/sub/resetData/009").status == 404)
        }
    }

    @Test func exportStreamsEveryRecordAsCSVOrText() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            #expect(try await host.send(.post, "/ne/udm/sub/001/1200", json: UDMHarness.subscription(imsi: "460001000000000", msisdn: "8613700000000")).code == 200)
            let csv = try await host.send(.post, "/ne/udm/sub/export", json: ["neId": "001", "type": "csv"] as JSONValue)
            #expect(csv.status == 200)
            #expect(csv.headers["Content-Disposition"]?.contains(".csv") == true)
            let lines = csv.text.split(separator: "\n")
            #expect(lines.count == 1201)
            #expect(lines.first?.hasPrefix("imsi,msisdn,ambr") == true)
            #expect(lines[1].hasPrefix("460001000000000,8613700000000,def_ambr") && lines[1].contains("\"1,2\""))
            let txt = try await host.send(.post, "/ne/udm/sub/export", json: ["neId": "001", "type": "txt"] as JSONValue)
            #expect(txt.text.split(separator: "\n").count == 1201 && txt.text.contains("460001000001199\t"))
            #expect(try await host.send(.post, "/ne/udm/sub/export", json: ["neId": "001", "type": "xls"] as JSONValue).msg == "type: must be xlsx, csv or txt")
        }
    }
}
