import AMF
import IMS
import N3IWF
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import SMF
import Testing

/// The read-only MML of the AMF, SMF, IMS and N3IWF plugins through the host's MML route against
/// `omc-nesim` playing one NE of each type, and the mock host's conformance check of each plugin.
@Suite struct CoreMMLTests {
    static func run(_ body: (SimulatedSite) async throws -> Void) async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, AMFPlugin.self, SMFPlugin.self, IMSPlugin.self, N3IWFPlugin.self],
                                    configuration: """
                                        server:
                                          neTimeoutMilliseconds: 3000
                                        plugins:
                                          - id: ne
                                          - id: amf
                                          - id: smf
                                          - id: ims
                                          - id: n3iwf
                                        """,
                                    generate: "AMF:1,SMF:1,IMS:1,N3IWF:1", body)
    }

    @Test func eachTypesCommandsAskTheNE() async throws {
        try await Self.run { site in
            let gnb = try await site.host.mml(["DSP GNB:NBID=1002"], neType: "AMF", neID: "001")
            #expect(gnb.status == 200, "\(gnb.text)")
            #expect(gnb.text.contains("gNB-SZ-Nanshan-01") && gnb.text.contains("ueNum = 8"), "\(gnb.text)")
            let guami = try await site.host.mml(["LST GUAMI"], neType: "AMF", neID: "001")
            #expect(guami.text.contains("46011") && guami.text.contains("(2 records)"), "\(guami.text)")

            let number = try await site.host.mml(["DSP UENUM"], neType: "SMF", neID: "001")
            #expect(number.text.contains("ueNum = 10") && number.text.contains("pduSessionNum = 14"), "\(number.text)")
            let sessions = try await site.host.mml(["LST PDUSESSION:IMSI=460001000000103"], neType: "SMF", neID: "001")
            #expect(sessions.text.contains("10.46.0.5") && sessions.text.contains("(2 records)"), "\(sessions.text)")

            let registrations = try await site.host.mml(["DSP IMSREG:IMSI=460001000000101"], neType: "IMS", neID: "001")
            #expect(registrations.text.contains("tel:+8613800000101") && registrations.text.contains("(2 records)"), "\(registrations.text)")

            let online = try await site.host.mml(["LST ONLINEUE"], neType: "N3IWF", neID: "001")
            #expect(online.text.contains("0460001000000104@nai") && online.text.contains("(5 records)"), "\(online.text)")

            let help = try await site.host.mml(["LST CMD:NETYPE=AMF"], neType: "OMC")
            #expect(help.text.contains("DSP GNB") && help.text.contains("amf:nbInfo:query"), "\(help.text)")
        }
    }

    @Test func commandsRefuseBadParametersAndNamedNEsThatAreNotRegistered() async throws {
        try await Self.run { site in
            let badNB = try await site.host.mml(["DSP GNB:NBID=12345678901"], neType: "AMF", neID: "001")
            #expect(badNB.text.contains("NBID"), "\(badNB.text)")
            #expect(!badNB.text.contains("gNB-SZ"), "\(badNB.text)")
            let missing = try await site.host.mml(["DSP IMSREG"], neType: "IMS", neID: "001")
            #expect(missing.text.contains("IMSI"), "\(missing.text)")
            let unknown = try await site.host.mml(["DSP UENUM"], neType: "SMF", neID: "077")
            #expect(unknown.text.contains("SMF/077"), "\(unknown.text)")
            let unknownNB = try await site.host.mml(["DSP GNB:NBID=4242"], neType: "AMF", neID: "001")
            #expect(unknownNB.text.contains("no gNB 4242 is registered"), "\(unknownNB.text)")
        }
    }

    @Test(arguments: [AMFPlugin.self, SMFPlugin.self, IMSPlugin.self, N3IWFPlugin.self] as [any OMCPlugin.Type])
    func thePluginConforms(_ plugin: any OMCPlugin.Type) async throws {
        try await MockHost.checkConformance(of: plugin, dependencies: [NEManagementPlugin.self])
    }
}
