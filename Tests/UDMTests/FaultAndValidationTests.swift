import Foundation
import OMCTesting
import PluginAPI
import Testing
import OMCTestSupport

/// Every validation rule gives a precise message and changes nothing; an NE that refuses or cannot be
/// reached leaves the OMC's copy unchanged.
@Suite(.serialized) struct FaultAndValidationTests {
    @Test func everyRuleIsCheckedBeforeAnythingChanges() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            func subscription(_ changes: [String: JSONValue]) -> JSONValue {
                guard case .object(var fields) = UDMHarness.subscription(imsi: "460001000000001", msisdn: "8613800000001") else { return .null }
                for (key, value) in changes { fields[key] = value }
                return .object(fields)
            }
            let subscriptionCases: [([String: JSONValue], String)] = [
                (["imsi": "46000100000001"], "imsi: must be 15 decimal digits"),
                (["imsi": "46000100000000a"], "imsi: must be 15 decimal digits"),
                (["msisdn": "1234"], "msisdn: must be 5 to 15 decimal digits"),
                (["msisdn": "1234567890123456"], "msisdn: must be 5 to 15 decimal digits"),
            (["msisdn": .null], "msisdn: must be a string, not null"),
                (["ambr": "bad template!"], "ambr: must name a template: 1 to 64 letters, digits, _, - or ."),
                (["nssai": ""], "nssai: is required"),
                (["smData": .string(String(repeating: "x", count: 65))], "smData: must name a template: 1 to 64 letters, digits, _, - or ."),
                (["epsFlag": "2"], "epsFlag: must be one of 0, 1"),
                (["epsDat": ""], "epsDat: is required when epsFlag is 1"),
                (["apnContext": "1;2"], "apnContext: must be numbers separated by , or |"),
                (["staticIp": "10.0.0.256"], "staticIp: must be an IPv4 address like 10.0.0.1"),
                (["msisdn": 86138.5], "msisdn: must be a string"),
                (["ambr": ["a"]], "ambr: must be a string"),
                (["colour": "red"], "colour: is not a subscription field; the fields are imsi, msisdn, ambr, nssai, rat, arfb, sar, cn, smData, smfSel, epsDat, epsFlag, epsOdb, hplmnOdb, ard, epstpl, contextId, apnContext, staticIp"),
            ]
            for (changes, message) in subscriptionCases {
                let response = try await host.send(.post, "/ne/udm/sub/001", json: subscription(changes))
                #expect(response.status == 400 && response.msg == message, "\(changes): \(response.text)")
            }
            func authentication(_ changes: [String: JSONValue]) -> JSONValue {
                guard case .object(var fields) = UDMHarness.authentication(imsi: "460001000000001") else { return .null }
                for (key, value) in changes { fields[key] = value }
                return .object(fields)
            }
            let authenticationCases: [([String: JSONValue], String)] = [
                (["ki": "0123456789abcdef0123456789abcde"], "ki: must be 32 hexadecimal digits"),
                (["ki": "0123456789abcdef0123456789abcdeg"], "ki: must be 32 hexadecimal digits"),
            (["opc": .null], "opc: must be a string, not null"),
                (["amf": "80000"], "amf: must be 4 hexadecimal digits"),
                (["algoIndex": "16"], "algoIndex: must be an integer from 0 to 15"),
                (["algoIndex": -1], "algoIndex: must be an integer from 0 to 15"),
                (["status": "2"], "status: must be one of 0, 1"),
            ]
            for (changes, message) in authenticationCases {
                let response = try await host.send(.post, "/ne/udm/auth/001", json: authentication(changes))
                #expect(response.status == 400 && response.msg == message, "\(changes): \(response.text)")
            }
            #expect(await host.send(.post, "/ne/udm/sub/001", body: Array("{".utf8)).msg?.hasPrefix("malformed JSON") == true)
            #expect(try await host.send(.post, "/ne/udm/sub/001/abc", json: subscription([:])).msg == "num: must be a positive integer")
            #expect(await host.send(.get, "/ne/udm/sub/001/123").msg == "imsi: must be 15 decimal digits")
            #expect(try await host.send(.post, "/ne/udm/sub/009", json: subscription([:])).msg == "NE UDM/009 is not registered")
            #expect(try await host.send(.put, "/ne/udm/sub/001", json: subscription([:])).status == 404)
            #expect(try await harness.neRecords("sub").isEmpty)
            #expect(try await harness.neRecords("auth").isEmpty)
            #expect(await host.send(.get, "/ne/udm/sub/list").json?["total"]?.intValue == 0)
        }
    }

    @Test func everyBrokenFieldOfARequestIsNamedInOneAnswer() async throws {
        let harness = try await UDMHarness()
        let host = harness.host
        guard case .object(var fields) = UDMHarness.subscription(imsi: "460001000000001", msisdn: "8613800000001") else { return }
        fields["imsi"] = "4600"
        fields["msisdn"] = .null
        fields["ambr"] = "bad template!"
        fields["staticIp"] = "10.0.0.256"
        fields["colour"] = "red"
        let add = try await host.send(.post, "/ne/udm/sub/0%201/5x", json: JSONValue.object(fields))
        #expect(add.status == 400)
        #expect(add.msg == [
            "neId: must be 1 to 32 letters, digits, '_' or '-'",
            "num: must be a positive integer",
            "colour: is not a subscription field; the fields are imsi, msisdn, ambr, nssai, rat, arfb, sar, cn, smData, smfSel, epsDat, epsFlag, epsOdb, hplmnOdb, ard, epstpl, contextId, apnContext, staticIp",
            "ambr: must name a template: 1 to 64 letters, digits, _, - or .",
            "imsi: must be 15 decimal digits",
            "msisdn: must be a string, not null",
            "staticIp: must be an IPv4 address like 10.0.0.1",
        ].joined(separator: "; "), "\(add.text)")
        let list = await host.send(.get, "/ne/udm/sub/list?imsi=46a&pageSize=0&sortField=ki")
        #expect(list.msg == "imsi: filter must be 1 to 15 decimal digits; pageSize: must be an integer from 1 to 1000; sortField: must be one of imsi, neId, msisdn")
        #expect(try await harness.neRecords("sub").isEmpty)
        #expect(await host.send(.get, "/ne/udm/sub/list").json?["total"]?.intValue == 0)
        await harness.stop()
    }

    @Test func aRefusingOrUnreachableNELeavesTheOMCUnchanged() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            let body = UDMHarness.subscription(imsi: "460001000000001", msisdn: "8613800000001")
            #expect(try await host.send(.post, "/ne/udm/sub/001", json: body).code == 200)

            for mode in ["refuse", "malformed", "close"] {
                try await harness.simulator.fault("UDM/001", mode)
                let add = try await host.send(.post, "/ne/udm/sub/001", json: UDMHarness.subscription(imsi: "460001000000002", msisdn: "8613800000002"))
                #expect(add.status == 502 || add.status == 504, "\(mode): \(add.text)")
                #expect(add.msg?.contains("UDM/001") == true, "\(mode): \(add.text)")
                let batch = try await host.send(.post, "/ne/udm/sub/001/10", json: UDMHarness.subscription(imsi: "460001000000010", msisdn: "8613800000010"))
                #expect(batch.status >= 500, "\(mode): \(batch.text)")
                #expect(try await host.send(.put, "/ne/udm/sub/001", json: ["imsi": "460001000000001", "ambr": "gold"] as JSONValue).status >= 500)
                #expect(await host.send(.delete, "/ne/udm/sub/001/460001000000001").status >= 500)
                #expect(await host.send(.put, "/ne/udm/sub/resetData/001").status >= 500)
                try await harness.simulator.fault("UDM/001", "none")
                let list = await host.send(.get, "/ne/udm/sub/list?neId=001")
                #expect(list.json?["total"]?.intValue == 1, "\(mode)")
                #expect(await host.send(.get, "/ne/udm/sub/001/460001000000001").data?["ambr"]?.stringValue == "def_ambr", "\(mode)")
            }
            // Batches left unsettled while the NE was away are settled before the reload: both sides agree.
            #expect(await host.send(.put, "/ne/udm/sub/resetData/001").data?.intValue == 1)
            #expect(try await harness.neRecords("sub").count == 1)
            #expect(try await host.database.read { db in try db.query("SELECT id FROM udm_batch", []) }.isEmpty)
        }
    }

    @Test func aBatchSettledLaterIsLoggedInTheNameOfWhoStartedIt() async throws {
        try await UDMHarness.run(plugins: [OperatorIdentity.self], extraYAML: "  - id: operator-identity\n") { harness async throws in
            let host = harness.host
            let admin = ["Authorization": "Bearer admin-token"]
            #expect(try await host.send(.post, "/ne/udm/auth/001", json: UDMHarness.authentication(imsi: "460001000000200"), headers: admin).code == 200)
            try await harness.simulator.fault("UDM/001", "close")
            let batch = try await host.send(.post, "/ne/udm/auth/001/3", json: UDMHarness.authentication(imsi: "460001000000100"), headers: admin)
            #expect(batch.status >= 500, "\(batch.text)")
            #expect(try await host.database.read { db in try db.query("SELECT id FROM udm_batch", []) }.count == 1)
            try await harness.simulator.fault("UDM/001", "none")
            // Another operator's reload settles the batch first; the entry names the admin who started it.
            #expect(await host.send(.put, "/ne/udm/auth/resetData/001", headers: ["Authorization": "Bearer operator-token"]).code == 200)
            let settled = host.operations.filter { $0.title.hasPrefix("Settle the add batch of authentication data") }
            #expect(settled.count == 1)
            #expect(settled.first?.operatorName == "admin" && settled.first?.clientAddress == "127.0.0.1" && settled.first?.pluginID == "udm")
            #expect(settled.first?.result.hasPrefix("the NE had") == true)
            #expect(settled.first?.parameters.contains("add 3 authentication data records") == true, "\(settled.first?.parameters ?? "")")

            // The periodic job settles as the start does (`reconcile`): a delete batch by the operator.
            try await harness.simulator.fault("UDM/001", "close")
            let delete = await host.send(.delete, "/ne/udm/auth/001/460001000000200/3", headers: ["Authorization": "Bearer operator-token"])
            #expect(delete.status >= 500, "\(delete.text)")
            try await harness.simulator.fault("UDM/001", "none")
            await host.clock.advance(by: 3601)
            let deadline = ContinuousClock.now + .seconds(20)
            while !host.operations.contains(where: { $0.title.hasPrefix("Settle the delete batch") }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let byJob = host.operations.first { $0.title.hasPrefix("Settle the delete batch of authentication data") }
            #expect(byJob?.operatorName == "operator" && byJob?.businessType == .delete, "\(String(describing: byJob))")
        }
    }
}
