import AMF
import Foundation
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

    @Test func aGUAMIIsAddedChangedAndRemovedOnTheNEAfterItsChecks() async throws {
        try await Self.run { site in
            let added = try await site.send(.post, Self.config + "/guami?ne_id=001",
                                            json: ["plmn": "46001", "amfRegionId": "02", "amfSetId": "3FF", "amfPointer": "3F"] as JSONValue)
            #expect(added.code == 200, "\(added.text)")
            let onNE = try JSONDecoder().decode(JSONValue.self, from: Data(try await site.askNEExpectingSuccess(
                "AMF/001", "GET", "/api/rest/systemManagement/v1/elementType/amf/objectType/config/guami")))
            #expect(onNE["data"]?.arrayValue?.count == 3)
            #expect(onNE["data"]?[2]?["amfSetId"]?.stringValue == "3FF")

            let changed = try await site.send(.put, Self.config + "/guami?ne_id=001&loc=2", json: ["amfPointer": "20"] as JSONValue)
            #expect(changed.code == 200, "\(changed.text)")
            #expect(await site.send(.get, Self.config + "/guami?ne_id=001").data?[2]?["amfPointer"]?.stringValue == "20")

            let removed = await site.send(.delete, Self.config + "/guami?ne_id=001&loc=2")
            #expect(removed.code == 200, "\(removed.text)")
            #expect(await site.send(.get, Self.config + "/guami?ne_id=001").data?.arrayValue?.count == 2)
        }
    }

    @Test func aBrokenChangeIsRefusedByNameAndNeverReachesTheNE() async throws {
        try await Self.run { site in
            let refusals: [(JSONValue, String)] = [
                (["plmn": "46001", "amfRegionId": "02", "amfSetId": "400", "amfPointer": "01"], "amfSetId: must be 3 hex digits from 000 to 3FF"),
                (["plmn": "46001", "amfRegionId": "02", "amfSetId": "001", "amfPointer": "40"], "amfPointer: must be 2 hex digits from 00 to 3F"),
                (["plmn": "4600", "amfRegionId": "02", "amfSetId": "001", "amfPointer": "01"], "plmn: must be a PLMN: MCC and MNC, 5 or 6 digits"),
                (["plmn": "46001", "amfRegionId": "0G", "amfSetId": "001", "amfPointer": "01"], "amfRegionId: must be 2 hex digits"),
                (["plmn": "46001", "amfRegionId": "02", "amfSetId": "001"], "amfPointer: is required"),
                (["plmn": "46001", "amfRegionId": "02", "amfSetId": "001", "amfPointer": "01", "mnc": "01"], "mnc: is not a parameter of guami"),
            ]
            for (body, message) in refusals {
                let refused = try await site.send(.post, Self.config + "/guami?ne_id=001", json: body)
                #expect(refused.status == 400, "\(refused.text)")
                #expect(refused.msg?.contains(message) == true, "\(message): \(refused.text)")
            }
            let readOnly = try await site.send(.put, Self.config + "/system?ne_id=001", json: ["amfName": "other"] as JSONValue)
            #expect(readOnly.status == 400 && readOnly.msg?.contains("amfName: is read-only") == true, "\(readOnly.text)")
            let noLoc = try await site.send(.put, Self.config + "/tai?ne_id=001", json: ["tac": "000105"] as JSONValue)
            #expect(noLoc.status == 400 && noLoc.msg?.contains("loc") == true, "\(noLoc.text)")
            let outOfRange = try await site.send(.put, Self.config + "/system?ne_id=001", json: ["maxUE": 0] as JSONValue)
            #expect(outOfRange.status == 400 && outOfRange.msg?.contains("maxUE") == true, "\(outOfRange.text)")

            let onNE = try JSONDecoder().decode(JSONValue.self, from: Data(try await site.askNEExpectingSuccess(
                "AMF/001", "GET", "/api/rest/systemManagement/v1/elementType/amf/objectType/config/guami")))
            #expect(onNE["data"]?.arrayValue?.count == 2, "nothing reached the NE")
            let system = try JSONDecoder().decode(JSONValue.self, from: Data(try await site.askNEExpectingSuccess(
                "AMF/001", "GET", "/api/rest/systemManagement/v1/elementType/amf/objectType/config/system")))
            #expect(system["data"]?["amfName"]?.stringValue == "amf-sz-01")
            #expect(system["data"]?["maxUE"]?.intValue == 100_000)
        }
    }
}
