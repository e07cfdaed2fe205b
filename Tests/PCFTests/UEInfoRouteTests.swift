import Foundation
import OMCTesting
import PluginAPI
import Testing
import OMCTestSupport

/// The `ueInfo` routes against the simulator's PCF running as a separate process.
@Suite(.serialized) struct UEInfoRouteTests {
    let base = PCFHarness.base

    @Test func addsReadsModifiesAndDeletesAPolicyOnTheNEFirst() async throws {
        try await PCFHarness.run() { pcf async throws in
        let added = try await pcf.host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000006", msisdn: "86755900001"))
        #expect(added.status == 200 && added.code == 200, "\(added.text)")
        #expect(try await pcf.nePolicy(imsi: "460990100000006")?["pccRules"]?.stringValue == "internet|ims_sig")

        let byIMSI = await pcf.host.send(.get, base + "?neId=001&imsi=460990100000006")
        #expect(byIMSI.data == [PCFHarness.policy(imsi: "460990100000006", msisdn: "86755900001")])
        let byMSISDN = await pcf.host.send(.get, base + "?neId=001&msisdn=86755900001")
        #expect(byMSISDN.data?[0]?["imsi"]?.stringValue == "460990100000006")
        let none = await pcf.host.send(.get, base + "?neId=001&imsi=460990100000007")
        #expect(none.status == 200 && none.data == [])

        let modified = try await pcf.host.send(.put, base + "?neId=001", json: ["imsi": "460990100000006", "rfsp": 7, "pccRules": "internet"] as JSONValue)
        #expect(modified.status == 200, "\(modified.text)")
        let read = await pcf.host.send(.get, base + "?neId=001&imsi=460990100000006")
        #expect(read.data?[0]?["rfsp"]?.intValue == 7)
        #expect(read.data?[0]?["pccRules"]?.stringValue == "internet")
        #expect(read.data?[0]?["sar"]?.stringValue == "def_sar", "fields not given keep their value")
        #expect(try await pcf.nePolicy(imsi: "460990100000006")?["rfsp"]?.intValue == 7)

        let deleted = await pcf.host.send(.delete, base + "?neId=001&imsi=460990100000006")
        #expect(deleted.status == 200)
        #expect(try await pcf.nePolicy(imsi: "460990100000006") == nil)
        let again = await pcf.host.send(.delete, base + "?neId=001&imsi=460990100000006")
        #expect(again.status == 404)
        #expect(again.json == ["cause": "DATA_NOT_FOUND", "status": 404])
        #expect(pcf.host.operations.contains { $0.title == "Add a PCF UE policy" && $0.succeeded })
        }
    }

    @Test func refusesBrokenFieldsPreciselyAndChangesNothing() async throws {
        try await PCFHarness.run() { pcf async throws in
        let cases: [(JSONValue, String)] = [
            (["msisdn": "86755900001"], "imsi: is required"),
            (["imsi": "46099010000000X", "msisdn": "86755900001"], "imsi: must be 15 decimal digits"),
            (["imsi": "460990100000001", "msisdn": "12"], "msisdn: must be 5 to 15 decimal digits"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "rfsp": 300], "rfsp: must be an integer from 0 to 256"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "rfsp": "omitempty"], "rfsp: must be an integer from 0 to 256"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "pccRules": "internet||ims"],
             "pccRules: rule name '' must be 1 to 64 letters, digits, '_', '-' or '.' (names are separated by '|')"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "sessRules": "a|a"], "sessRules: names a rule twice"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "sar": "has space"], "sar: must be empty or 1 to 64 letters, digits, '_', '-' or '.'"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "colour": "red"], "colour: is not a UE policy field; the fields are imsi, msisdn, rfsp, sar, pccRules, sessRules, uePolicy, qosAudio, qosVideo, hdrEnrich"),
            (["imsi": "460990100000001", "msisdn": "86755900001", "qosAudio": true], "qosAudio: must be a string"),
        ]
        for (body, message) in cases {
            let response = try await pcf.host.send(.post, base + "?neId=001", json: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.msg == message)
        }
        let noNE = try await pcf.host.send(.post, base, json: PCFHarness.policy(imsi: "460990100000001", msisdn: "86755900001"))
        #expect(noNE.msg == "neId: query parameter is required")
        let unknown = try await pcf.host.send(.post, base + "?neId=009", json: PCFHarness.policy(imsi: "460990100000001", msisdn: "86755900001"))
        #expect(unknown.status == 404 && unknown.msg == "NE PCF/009 is not registered")
        #expect(try await pcf.neCount() == 0)

        _ = try await pcf.host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000001", msisdn: "86755900001"))
        let twice = try await pcf.host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000001", msisdn: "86755900002"))
        #expect(twice.status == 409 && twice.msg == "UE policy of IMSI 460990100000001 already exists on PCF/001")
        let msisdnTaken = try await pcf.host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000002", msisdn: "86755900001"))
        #expect(msisdnTaken.status == 409 && msisdnTaken.msg == "MSISDN 86755900001 already belongs to IMSI 460990100000001 on PCF/001")
        let missing = try await pcf.host.send(.put, base + "?neId=001", json: ["imsi": "460990100000009", "rfsp": 2] as JSONValue)
        #expect(missing.status == 404)
        #expect(try await pcf.neCount() == 1)
        }
    }

    @Test func theNEsRefusalChangesNothingInTheOMC() async throws {
        try await PCFHarness.run() { pcf async throws in
        // Behind the OMC's back the NE gets a policy holding the MSISDN the OMC is about to use.
        let (status, _) = try await pcf.neCall("POST", body: #"[{"imsi": "460990100000050", "msisdn": "86755900050"}]"#)
        #expect(status == 200)
        let refused = try await pcf.host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000051", msisdn: "86755900050"))
        #expect(refused.status == 409)
        #expect(refused.msg?.hasPrefix("NE PCF/001 refused: MSISDN 86755900050 already belongs to IMSI 460990100000050") == true, "\(refused.text)")
        let omc = await pcf.host.send(.get, base + "?neId=001&imsi=460990100000051")
        #expect(omc.data == [])

        try await pcf.simulator.fault("PCF/001", "refuse")
        let down = try await pcf.host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000052", msisdn: "86755900052"))
        #expect(down.status == 502 || down.status == 504, "\(down.text)")
        try await pcf.simulator.fault("PCF/001", "none")
        #expect(await pcf.host.send(.get, base + "?neId=001&imsi=460990100000052").data == [])
        }
    }

    @Test func batchAddModifyAndDeleteConsecutiveUEs() async throws {
        try await PCFHarness.run() { pcf async throws in
        let added = try await pcf.host.send(.post, base + "/1000?neId=001", json: PCFHarness.policy(imsi: "460990100000000", msisdn: "8675590000"))
        #expect(added.status == 200, "\(added.text)")
        #expect(added.data?["added"]?.intValue == 1000)
        #expect(try await pcf.neCount() == 1000)
        let last = await pcf.host.send(.get, base + "?neId=001&imsi=460990100000999")
        #expect(last.data?[0]?["msisdn"]?.stringValue == "8675590999")
        let page = await pcf.host.send(.get, base + "?neId=001&pageNum=2&pageSize=10")
        #expect(page.json?["total"]?.intValue == 1000)
        #expect(page.data?[0]?["imsi"]?.stringValue == "460990100000010")

        let clash = try await pcf.host.send(.post, base + "/10?neId=001", json: PCFHarness.policy(imsi: "460990100000995", msisdn: "8675591995"))
        #expect(clash.status == 409 && clash.msg == "UE policy of IMSI 460990100000995 already exists on PCF/001; nothing was added")
        #expect(try await pcf.neCount() == 1000)

        let modified = try await pcf.host.send(.put, base + "/100?neId=001", json: ["imsi": "460990100000100", "rfsp": 9, "uePolicy": "uep_9"] as JSONValue)
        #expect(modified.data?["modified"]?.intValue == 100, "\(modified.text)")
        #expect(try await pcf.nePolicy(imsi: "460990100000199")?["rfsp"]?.intValue == 9)
        #expect(try await pcf.nePolicy(imsi: "460990100000200")?["rfsp"]?.intValue == 1)
        let beyond = try await pcf.host.send(.put, base + "/10?neId=001", json: ["imsi": "460990100000995", "rfsp": 3] as JSONValue)
        #expect(beyond.status == 404 && beyond.msg == "UE policy of IMSI 460990100001000 on PCF/001 does not exist; nothing was changed")
        #expect(try await pcf.nePolicy(imsi: "460990100000995")?["rfsp"]?.intValue == 1)

        let deleted = await pcf.host.send(.delete, base + "/500?neId=001&imsi=460990100000900")
        #expect(deleted.data?["deleted"]?.intValue == 100)
        #expect(try await pcf.neCount() == 900)
        let literal = await pcf.host.send(.delete, base + "/number?neId=001&imsi=460990100000000")
        #expect(literal.status == 400 && literal.msg == "number: must be a positive integer (how many consecutive UEs), got 'number'")
        let tooMany = try await pcf.host.send(.post, base + "/5001?neId=001", json: PCFHarness.policy(imsi: "460990200000000", msisdn: "8675600000"))
        #expect(tooMany.status == 400 && tooMany.msg == "number: must be an integer from 1 to 5000")
        let overflow = try await pcf.host.send(.post, base + "/10?neId=001", json: PCFHarness.policy(imsi: "999999999999995", msisdn: "8675700000"))
        #expect(overflow.status == 400)
        }
    }

    @Test func aBatchAddAskedAsynchronouslyAnswersAtOnceAndEndsWithTheDocumentsData() async throws {
        let pcf = try await PCFHarness()
        let accepted = try await pcf.host.send(.post, base + "/50?neId=001", json: PCFHarness.policy(imsi: "460990300000000", msisdn: "8675800000"),
                                               headers: ["Prefer": "respond-async"])
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(accepted.data?["operationId"]?.stringValue)
        #expect(accepted.data?["kind"]?.stringValue == "pcf.ueInfo.batchAdd" && accepted.data?["total"]?.intValue == 50)
        var operation = JSONValue.null
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            operation = await pcf.host.send(.get, "/monitor/operation/\(id)").data ?? .null
            if operation["state"]?.stringValue != "running" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(operation["state"]?.stringValue == "succeeded", "\(operation)")
        #expect(operation["result"]?["added"]?.intValue == 50)
        #expect(try await pcf.neCount() == 50)
        let clash = try await pcf.host.send(.post, base + "/10?neId=001", json: PCFHarness.policy(imsi: "460990300000045", msisdn: "8675810000"))
        #expect(clash.status == 409, "the synchronous answer is unchanged: \(clash.text)")
        let failed = await pcf.host.send(.get, "/monitor/operation/list?state=failed&kind=pcf.ueInfo.batchAdd").json
        #expect(failed?["total"]?.intValue == 1 && failed?["rows"]?[0]?["message"]?.stringValue == clash.msg)
        await pcf.stop()
    }
}
