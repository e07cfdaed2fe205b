import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import SMF
import Testing

/// The SMF plugin against `omc-nesim` as a separate process: online UEs with their PDU sessions and
/// their number, read from the NE through the gateway, and every refusal with its precise error.
@Suite struct SMFRouteTests {
    static let ueInfo = "/api/rest/ueManagement/v1/elementType/smf/objectType/ueInfo"
    static let ueNum = "/api/rest/ueManagement/v1/elementType/smf/objectType/ueNum"

    static func run(_ body: (SimulatedSite) async throws -> Void) async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, SMFPlugin.self],
                                    configuration: "server:\n  neTimeoutMilliseconds: 3000\nplugins:\n  - id: ne\n  - id: smf\n",
                                    generate: "SMF:1", body)
    }

    @Test func onlineUEsAndTheirPDUSessionsAreReadFromTheNE() async throws {
        try await Self.run { site in
            let all = await site.send(.get, Self.ueInfo + "?neId=001")
            #expect(all.code == 200, "\(all.text)")
            let ues = try #require(all.data?.arrayValue, "\(all.text)")
            #expect(ues.count == 10)
            let first = try #require(ues.first)
            #expect(first["imsi"]?.stringValue == "460001000000100")
            let sessions = try #require(first["pduSessions"]?.arrayValue)
            #expect(sessions.map { $0["dnn"]?.stringValue } == ["internet", "ims"])
            #expect(sessions.first?["pduSessionId"]?.intValue == 1)
            #expect(sessions.first?["ueIp"]?.stringValue == "10.45.0.2")

            let one = await site.send(.get, Self.ueInfo + "?neId=001&imsi=460001000000101")
            #expect(one.data?.arrayValue?.count == 1, "\(one.text)")
            #expect(one.data?[0]?["pduSessions"]?.arrayValue?.count == 1)
            let offline = await site.send(.get, Self.ueInfo + "?neId=001&imsi=460001000009999")
            #expect(offline.code == 200 && offline.data == [], "\(offline.text)")

            let number = await site.send(.get, Self.ueNum + "?neId=001")
            #expect(number.code == 200, "\(number.text)")
            #expect(number.data?["ueNum"]?.intValue == 10)
            #expect(number.data?["pduSessionNum"]?.intValue == 14)
        }
    }

    @Test func refusalsNameTheirCause() async throws {
        try await Self.run { site in
            let unknownNE = await site.send(.get, Self.ueNum + "?neId=404")
            #expect(unknownNE.status == 404)
            #expect(unknownNE.msg == "NE SMF/404 is not registered", "\(unknownNE.text)")

            let noNE = await site.send(.get, Self.ueInfo)
            #expect(noNE.status == 400)
            #expect(noNE.msg?.contains("neId") == true, "\(noNE.text)")

            let badIMSI = await site.send(.get, Self.ueInfo + "?neId=001&imsi=46000abc")
            #expect(badIMSI.status == 400)
            #expect(badIMSI.msg?.contains("imsi") == true && badIMSI.msg?.contains("must be an IMSI: 6 to 15 decimal digits") == true,
                    "\(badIMSI.text)")

            try await site.simulator.fault("SMF/001", "refuse")
            let down = await site.send(.get, Self.ueNum + "?neId=001")
            #expect(down.status == 502 || down.status == 504, "\(down.text)")
            #expect(down.msg?.contains("SMF/001") == true, "\(down.text)")
            try await site.simulator.fault("SMF/001", "malformed")
            let broken = await site.send(.get, Self.ueInfo + "?neId=001")
            #expect(broken.status == 502, "\(broken.text)")
            #expect(broken.msg?.contains("SMF/001") == true, "\(broken.text)")
            try await site.simulator.fault("SMF/001", "none")
            #expect(await site.send(.get, Self.ueNum + "?neId=001").code == 200)
        }
    }

    @Test func aDNNIsAddedAfterItsChecksAndABrokenOneNeverReachesTheNE() async throws {
        try await Self.run { site in
            let config = "/api/rest/systemManagement/v1/elementType/smf/objectType/config"
            #expect(await site.send(.get, config + "/dnn?ne_id=001").data?.arrayValue?.count == 2)
            let added = try await site.send(.post, config + "/dnn?ne_id=001", json: ["dnn": "iot", "ipPool": "10.47.0.0/16", "mtu": 1280] as JSONValue)
            #expect(added.code == 200, "\(added.text)")
            let refused = try await site.send(.post, config + "/dnn?ne_id=001", json: ["dnn": "bad", "ipPool": "10.48.0.0/16", "mtu": 100] as JSONValue)
            #expect(refused.status == 400 && refused.msg?.hasPrefix("mtu:") == true, "\(refused.text)")
            let incomplete = try await site.send(.post, config + "/dnn?ne_id=001", json: ["dnn": "bad"] as JSONValue)
            #expect(incomplete.status == 400 && incomplete.msg == "ipPool: is required", "\(incomplete.text)")
            let onNE = try JSONDecoder().decode(JSONValue.self, from: Data(try await site.askNEExpectingSuccess(
                "SMF/001", "GET", "/api/rest/systemManagement/v1/elementType/smf/objectType/config/dnn")))
            #expect(onNE["data"]?.arrayValue?.compactMap { $0["dnn"]?.stringValue } == ["internet", "ims", "iot"])
            let unknown = await site.send(.get, config + "/guami?ne_id=001")
            #expect(unknown.status == 404 && unknown.msg == "SMF has no configuration section 'guami'; it has system, dnn, upf", "\(unknown.text)")
        }
    }
}
