import AMF
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The AMF plugin against `omc-nesim` as a separate process: configuration sections and base
/// stations read from the NE through the gateway, and every refusal with its precise error.
@Suite struct AMFRouteTests {
    static let nbInfo = "/api/rest/ueManagement/v1/elementType/amf/objectType/nbInfo"
    static let config = "/api/rest/systemManagement/v1/elementType/amf/objectType/config"

    static func run(_ body: (SimulatedSite) async throws -> Void) async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, AMFPlugin.self],
                                    configuration: "server:\n  neTimeoutMilliseconds: 3000\nplugins:\n  - id: ne\n  - id: amf\n",
                                    generate: "AMF:1", body)
    }

    @Test func theGUAMIsAreReadFromTheNE() async throws {
        try await Self.run { site in
            let answer = await site.send(.get, Self.config + "/guami?ne_id=001")
            #expect(answer.code == 200, "\(answer.text)")
            let guamis = try #require(answer.data?.arrayValue, "\(answer.text)")
            #expect(guamis.count == 2)
            #expect(guamis.first?["plmn"]?.stringValue == "46001")
            #expect(guamis.first?["amfSetId"]?.stringValue == "001")
            #expect(guamis.last?["amfPointer"]?.stringValue == "02")
            let tai = await site.send(.get, Self.config + "/TAI?ne_id=001")
            #expect(tai.data?.arrayValue?.count == 4, "\(tai.text)")
        }
    }

    @Test func aBaseStationIsReadWithItsUECount() async throws {
        try await Self.run { site in
            let answer = await site.send(.get, Self.nbInfo + "?nbId=1001&neId=001")
            #expect(answer.code == 200, "\(answer.text)")
            #expect(answer.data?["nbName"]?.stringValue == "gNB-SZ-Futian-01")
            #expect(answer.data?["state"]?.stringValue == "connected")
            #expect(answer.data?["ueNum"]?.intValue == 16)
            #expect(answer.data?["tacs"]?.arrayValue?.count == 2)
            let down = await site.send(.get, Self.nbInfo + "?nbId=1003&neId=001")
            #expect(down.data?["state"]?.stringValue == "disconnected", "\(down.text)")
            #expect(down.data?["ueNum"]?.intValue == 0)
        }
    }

    @Test func refusalsNameTheirCause() async throws {
        try await Self.run { site in
            let unknownNE = await site.send(.get, Self.nbInfo + "?nbId=1001&neId=009")
            #expect(unknownNE.status == 404)
            #expect(unknownNE.msg == "NE AMF/009 is not registered", "\(unknownNE.text)")

            let badNB = await site.send(.get, Self.nbInfo + "?nbId=gnb-1&neId=001")
            #expect(badNB.status == 400)
            #expect(badNB.msg?.contains("nbId") == true && badNB.msg?.contains("must be a gNB id: 1 to 10 decimal digits") == true, "\(badNB.text)")

            let missing = await site.send(.get, Self.nbInfo + "?neId=001")
            #expect(missing.status == 400)
            #expect(missing.msg?.contains("nbId") == true, "\(missing.text)")

            let unknownNB = await site.send(.get, Self.nbInfo + "?nbId=4242&neId=001")
            #expect(unknownNB.status == 404)
            #expect(unknownNB.msg == "NE AMF/001 refused: no gNB 4242 is registered", "\(unknownNB.text)")

            let section = await site.send(.get, Self.config + "/smfSelection?ne_id=001")
            #expect(section.status == 404)
            #expect(section.msg == "AMF has no configuration section 'smfSelection'; it has system, guami, tai", "\(section.text)")

            try await site.simulator.fault("AMF/001", "refuse")
            let down = await site.send(.get, Self.config + "/guami?ne_id=001")
            #expect(down.status == 502 || down.status == 504, "\(down.text)")
            #expect(down.msg?.contains("AMF/001") == true, "\(down.text)")
            try await site.simulator.fault("AMF/001", "none")
            #expect(await site.send(.get, Self.config + "/guami?ne_id=001").code == 200)
        }
    }
}
