import IMS
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The IMS plugin against `omc-nesim` as a separate process: a UE's IMS registrations read from
/// the NE through the gateway, and every refusal with its precise error.
@Suite struct IMSRouteTests {
    static let ueInfo = "/api/rest/ueManagement/v1/elementType/ims/objectType/ueInfo"

    static func run(_ body: (SimulatedSite) async throws -> Void) async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, IMSPlugin.self],
                                    configuration: "server:\n  neTimeoutMilliseconds: 3000\nplugins:\n  - id: ne\n  - id: ims\n",
                                    generate: "IMS:1", body)
    }

    @Test func aUEsRegistrationsAreReadFromTheNE() async throws {
        try await Self.run { site in
            let answer = await site.send(.get, Self.ueInfo + "?imsi=460001000000102&neId=001")
            #expect(answer.code == 200, "\(answer.text)")
            let rows = try #require(answer.data?.arrayValue, "\(answer.text)")
            #expect(rows.map { $0["impu"]?.stringValue } == ["sip:+8613800000102@ims.mnc001.mcc460.3gppnetwork.org", "tel:+8613800000102"])
            #expect(rows.allSatisfy { $0["regState"]?.intValue == 1 && $0["imsi"]?.stringValue == "460001000000102" })
            let unregistered = await site.send(.get, Self.ueInfo + "?imsi=460001000009999&neId=001")
            #expect(unregistered.code == 200 && unregistered.data == [], "\(unregistered.text)")
        }
    }

    @Test func refusalsNameTheirCause() async throws {
        try await Self.run { site in
            let unknownNE = await site.send(.get, Self.ueInfo + "?imsi=460001000000102&neId=002")
            #expect(unknownNE.status == 404)
            #expect(unknownNE.msg == "NE IMS/002 is not registered", "\(unknownNE.text)")

            let noIMSI = await site.send(.get, Self.ueInfo + "?neId=001")
            #expect(noIMSI.status == 400)
            #expect(noIMSI.msg?.contains("imsi") == true, "\(noIMSI.text)")
            let badIMSI = await site.send(.get, Self.ueInfo + "?imsi=4600010000001029&neId=001")
            #expect(badIMSI.status == 400)
            #expect(badIMSI.msg?.contains("imsi") == true, "\(badIMSI.text)")

            try await site.simulator.fault("IMS/001", "refuse")
            let down = await site.send(.get, Self.ueInfo + "?imsi=460001000000102&neId=001")
            #expect(down.status == 502 || down.status == 504, "\(down.text)")
            #expect(down.msg?.contains("IMS/001") == true, "\(down.text)")
        }
    }
}
