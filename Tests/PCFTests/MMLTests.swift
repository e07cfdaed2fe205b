import Foundation
import NEManagement
import OMCTesting
import PCF
import PluginAPI
import Testing

/// PCF MML through the host's MML route, and the mock host's conformance check.
@Suite(.serialized) struct MMLTests {
    @Test func addsDisplaysModifiesAndRemovesByMML() async throws {
        try await PCFHarness.run() { pcf async throws in
            let added = try await pcf.host.mml(["ADD UEPOLICY:IMSI=460990100000006,MSISDN=86755900001,RFSP=2,PCCRULES=\"internet|ims_sig\""],
                                               neType: "PCF", neID: "001")
            #expect(added.status == 200, "\(added.text)")
            #expect(try await pcf.nePolicy(imsi: "460990100000006")?["rfsp"]?.intValue == 2)
            let shown = try await pcf.host.mml(["DSP UEPOLICY:MSISDN=86755900001"], neType: "PCF", neID: "001")
            #expect(shown.text.contains("460990100000006"), "\(shown.text)")
            #expect(shown.text.contains("internet|ims_sig"))
            let modified = try await pcf.host.mml(["MOD UEPOLICY:IMSI=460990100000006,QOSVIDEO=hd"], neType: "PCF", neID: "001")
            #expect(modified.status == 200, "\(modified.text)")
            #expect(try await pcf.nePolicy(imsi: "460990100000006")?["qosVideo"]?.stringValue == "hd")
            let removed = try await pcf.host.mml(["RMV UEPOLICY:IMSI=460990100000006"], neType: "PCF", neID: "001", confirm: true)
            #expect(removed.status == 200, "\(removed.text)")
            #expect(try await pcf.nePolicy(imsi: "460990100000006") == nil)
            let bad = try await pcf.host.mml(["ADD UEPOLICY:IMSI=460990100000007,MSISDN=86755900002,SAR=\"a b\""], neType: "PCF", neID: "001")
            #expect(bad.text.contains("sar: must be empty or 1 to 64 letters"), "\(bad.text)")
            let help = try await pcf.host.mml(["LST CMD:NETYPE=PCF"], neType: "OMC")
            for command in ["ADD UEPOLICY", "MOD UEPOLICY", "RMV UEPOLICY", "DSP UEPOLICY", "pcf:ueInfo:remove"] {
                #expect(help.text.contains(command), "\(command)")
            }
        }
    }

    @Test func thePluginConforms() async throws {
        try await MockHost.checkConformance(of: PCFPlugin.self, dependencies: [NEManagementPlugin.self])
    }
}
