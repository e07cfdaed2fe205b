import N3IWF
import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The N3IWF plugin against `omc-nesim` as a separate process: online UEs in the document's form,
/// read from the NE through the gateway, and every refusal with its precise error.
@Suite struct N3IWFRouteTests {
    static let ueInfo = "/api/rest/ueManagement/v1/elementType/n3iwf/objectType/ueInfo"

    static func run(_ body: (SimulatedSite) async throws -> Void) async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, N3IWFPlugin.self],
                                    configuration: "server:\n  neTimeoutMilliseconds: 3000\nplugins:\n  - id: ne\n  - id: n3iwf\n",
                                    generate: "N3IWF:1", body)
    }

    @Test func onlineUEsAreReadInTheDocumentsForm() async throws {
        try await Self.run { site in
            let all = await site.send(.get, Self.ueInfo + "?neId=001")
            #expect(all.code == 200, "\(all.text)")
            let ues = try #require(all.data?.arrayValue, "\(all.text)")
            #expect(ues.count == 5)
            #expect(ues.map { $0["regState"]?.intValue } == [1, 1, 1, 1, 0])
            let one = await site.send(.get, Self.ueInfo + "?imsi=460001000000101&neId=001")
            let ue = try #require(one.data?.arrayValue?.first, "\(one.text)")
            #expect(one.data?.arrayValue?.count == 1)
            #expect(ue["nai"]?.stringValue == "0460001000000101@nai.epc.mnc001.mcc460.3gppnetwork.org")
            #expect(ue["activeTime"]?.stringValue?.count == "2023-11-29 06:35:43".count)
        }
    }

    @Test func refusalsNameTheirCause() async throws {
        try await Self.run { site in
            let unknownNE = await site.send(.get, Self.ueInfo + "?neId=007")
            #expect(unknownNE.status == 404)
            #expect(unknownNE.msg == "NE N3IWF/007 is not registered", "\(unknownNE.text)")
            let badIMSI = await site.send(.get, Self.ueInfo + "?imsi=+46000&neId=001")
            #expect(badIMSI.status == 400)
            #expect(badIMSI.msg?.contains("must be an IMSI: 6 to 15 decimal digits") == true, "\(badIMSI.text)")

            try await site.simulator.fault("N3IWF/001", "refuse")
            let down = await site.send(.get, Self.ueInfo + "?neId=001")
            #expect(down.status == 502 || down.status == 504, "\(down.text)")
            #expect(down.msg?.contains("N3IWF/001") == true, "\(down.text)")
        }
    }

    @Test func theSystemSectionIsReadAndABrokenChangeNeverReachesTheNE() async throws {
        try await Self.run { site in
            let config = "/api/rest/systemManagement/v1/elementType/n3iwf/objectType/config/system?ne_id=001"
            #expect(await site.send(.get, config).data?["maxTunnels"]?.intValue == 50_000)
            let refused = try await site.send(.put, config, json: ["maxTunnels": 0] as JSONValue)
            #expect(refused.status == 400 && refused.msg?.hasPrefix("maxTunnels:") == true, "\(refused.text)")
            let unknown = try await site.send(.put, config, json: ["ikePort": 500] as JSONValue)
            #expect(unknown.status == 400 && unknown.msg?.hasPrefix("ikePort: is not a parameter of system") == true, "\(unknown.text)")
            #expect(await site.send(.get, config).data?["maxTunnels"]?.intValue == 50_000)
        }
    }
}
