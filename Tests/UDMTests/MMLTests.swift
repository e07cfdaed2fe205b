import Foundation
import OMCTesting
import PluginAPI
import Testing

/// `ADD/MOD/RMV/DSP/LST SUB` and `… AUTHDAT` through the document's MML route; other commands go to
/// the NE.
@Suite(.serialized) struct MMLTests {
    func run(_ host: MockHost, _ command: String, confirm: Bool = false) async throws -> JSONValue? {
        try await host.mml([command], neType: "udm", neID: "001", confirm: confirm).data?[0]
    }

    @Test func subscriptionAndAuthenticationCommands() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            let add = try await run(host, "ADD SUB: IMSI=460000100000030, MSISDN=8613800000030, AMBR=def_ambr, NSSAI=def_nssai, SMDATA=internet")
            #expect(add?["code"]?.intValue == 200, "\(String(describing: add))")
            #expect(try await harness.neRecords("sub")["460000100000030"] != nil)
            #expect(try await run(host, "ADD AUTHDAT: IMSI=460000100000030, KI=0123456789abcdef0123456789abcdef, OPC=fedcba9876543210fedcba9876543210, AMF=8000, ALGOINDEX=1")?["code"]?.intValue == 200)

            #expect(host.operations.allSatisfy { !"\($0)".contains("0123456789abcdef0123456789abcdef") }, "the operation log masks KI")
            #expect(host.logs.allSatisfy { !"\($0)".contains("0123456789abcdef0123456789abcdef") }, "no log line holds a Ki")

            // The document's example.
            let shown = try await host.mml(["date", "dsp authdat:imsi=460000100000030"], neType: "udm", neID: "001")
            #expect(shown.data?[0]?["code"]?.intValue == 200, "date goes to the NE: \(shown.text)")
            let output = shown.data?[1]?["output"]?.stringValue ?? ""
            #expect(output.contains("algoIndex = 1") && output.contains("imsi = 460000100000030"), "\(shown.text)")

            #expect(try await run(host, "MOD SUB: IMSI=460000100000030, AMBR=gold")?["code"]?.intValue == 200)
            #expect(try await harness.neRecords("sub")["460000100000030"]?["ambr"]?.stringValue == "gold")
            #expect(try await run(host, "DSP SUB: IMSI=460000100000030")?["output"]?.stringValue?.contains("ambr = gold") == true)
            let list = try await run(host, "LST SUB: MSISDN=86138")
            #expect(list?["output"]?.stringValue?.contains("(1 record)") == true, "\(String(describing: list))")
            #expect(try await run(host, "LST AUTHDAT")?["output"]?.stringValue?.contains("460000100000030") == true)

            // RMV is high risk: refused without confirmation, applied with it.
            let unconfirmed = try await run(host, "RMV SUB: IMSI=460000100000030")
            #expect(unconfirmed?["code"]?.intValue != 200)
            #expect(try await harness.neRecords("sub")["460000100000030"] != nil)
            #expect(try await run(host, "RMV SUB: IMSI=460000100000030", confirm: true)?["code"]?.intValue == 200)
            #expect(try await harness.neRecords("sub").isEmpty)
            #expect(try await run(host, "RMV AUTHDAT: IMSI=460000100000030", confirm: true)?["code"]?.intValue == 200)

            // Rules are the API's: a bad IMSI, a bad Ki, a missing ne_id.
            #expect(try await run(host, "DSP SUB: IMSI=4600")?["msg"]?.stringValue?.contains("IMSI") == true)
            #expect(try await run(host, "ADD AUTHDAT: IMSI=460000100000031, KI=xyz, OPC=fedcba9876543210fedcba9876543210")?["code"]?.intValue != 200)
            let noNE = try await host.mml(["LST SUB"], neType: "udm").data?[0]
            #expect(noNE?["msg"]?.stringValue == "ne_id: is required: the UDM the command applies to")
            // A command the plugin does not declare is the NE's.
            let forwarded = try await run(host, "DSP UDMDB")
            #expect(forwarded?["output"]?.stringValue?.contains("subscriptions = 0") == true, "\(String(describing: forwarded))")
            let help = try await host.mml(["LST CMD: NETYPE=UDM"], neType: "omc").text
            #expect(help.contains("ADD SUB") && help.contains("DSP AUTHDAT"), "\(help)")
        }
    }
}
