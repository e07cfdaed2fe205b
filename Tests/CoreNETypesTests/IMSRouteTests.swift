import IMS
import Foundation
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

    @Test func theSystemSectionIsReadAndChangedAfterItsChecks() async throws {
        try await Self.run { site in
            let config = "/api/rest/systemManagement/v1/elementType/ims/objectType/config/system?ne_id=001"
            let read = await site.send(.get, config)
            #expect(read.data?["domain"]?.stringValue == "ims.mnc001.mcc460.3gppnetwork.org", "\(read.text)")
            let changed = try await site.send(.put, config, json: ["registrationExpiresSeconds": 7200] as JSONValue)
            #expect(changed.code == 200, "\(changed.text)")
            let readOnly = try await site.send(.put, config, json: ["domain": "example.org"] as JSONValue)
            #expect(readOnly.status == 400 && readOnly.msg == "domain: is read-only", "\(readOnly.text)")
            let onNE = try JSONDecoder().decode(JSONValue.self, from: Data(try await site.askNEExpectingSuccess(
                "IMS/001", "GET", "/api/rest/systemManagement/v1/elementType/ims/objectType/config/system")))
            #expect(onNE["data"]?["registrationExpiresSeconds"]?.intValue == 7200)
            #expect(onNE["data"]?["domain"]?.stringValue == "ims.mnc001.mcc460.3gppnetwork.org")
        }
    }
}
