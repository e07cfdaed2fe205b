import Foundation
import OMCTesting
import PluginAPI
import Testing

/// UDM configuration sections checked against the plugin's parameter schema and applied to the NE,
/// and the UDM's system state with its extra fields.
@Suite(.serialized) struct ConfigAndStateTests {
    let path = "/api/rest/systemManagement/v1/elementType/udm/objectType/config"

    @Test func sectionsAreCheckedThenAppliedToTheNE() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            let system = await host.send(.get, path + "/system?ne_id=001")
            #expect(system.data?["capacity"]?.intValue == 1000, "\(system.text)")
            let put = try await host.send(.put, path + "/system?ne_id=001", json: ["capacity": 5000, "priority": 3] as JSONValue)
            #expect(put.data?["capacity"]?.intValue == 5000, "\(put.text)")
            #expect(await host.send(.get, path + "/system?ne_id=001").data?["priority"]?.intValue == 3)
            #expect(try await host.send(.put, path + "/system?ne_id=001", json: ["capacity": 0] as JSONValue).msg == "capacity: must be between 1 and 100000000")
            #expect(try await host.send(.put, path + "/system?ne_id=001", json: ["udmId": "x"] as JSONValue).msg == "udmId: is read-only")
            #expect(try await host.send(.put, path + "/system?ne_id=001", json: ["colour": "red"] as JSONValue).msg?.hasPrefix("colour: is not a parameter of system") == true)
            #expect(try await host.send(.put, path + "/system?ne_id=001", json: ["logLevel": "loud"] as JSONValue).msg == "logLevel: must be one of debug, info, warning, error")
            #expect(await host.send(.get, path + "/system?ne_id=001").data?["capacity"]?.intValue == 5000)

            let added = try await host.send(.post, path + "/subsUEAmbr?ne_id=001", json: ["name": "gold", "uplink": "2 Gbps", "downlink": "4 Gbps"] as JSONValue)
            #expect(added.data?["loc"]?.intValue == 1, "\(added.text)")
            #expect(try await host.send(.post, path + "/subsUEAmbr?ne_id=001", json: ["name": "silver"] as JSONValue).msg == "uplink: is required")
            #expect(await host.send(.get, path + "/subsUEAmbr?ne_id=001").data?.arrayValue?.count == 2)
            #expect(await host.send(.delete, path + "/subsUEAmbr?ne_id=001&loc=1").code == 200)
            #expect(await host.send(.get, path + "/subsUEAmbr?ne_id=001").data?.arrayValue?.count == 1)
            #expect(await host.send(.delete, path + "/system?ne_id=001&loc=0").status == 400)
            #expect(await host.send(.get, path + "/smfSelection?ne_id=001").data?[0]?["dnn"]?.stringValue == "internet")
            #expect(await host.send(.get, path + "/nothing?ne_id=001").status == 404)
            #expect(await host.send(.get, path + "/system").msg == "ne_id: query parameter is required")
        }
    }

    @Test func systemStateCarriesTheUDMFields() async throws {
        try await UDMHarness.run() { harness async throws in
            let host = harness.host
            #expect(try await host.send(.post, "/ne/udm/sub/001/3", json: UDMHarness.subscription(imsi: "460001000000000", msisdn: "8613700000000")).code == 200)
            let state = await host.send(.get, "/api/rest/systemManagement/v1/elementType/udm/objectType/systemState?ne_id=001")
            let udm = state.data?[0]?["UDM/001"]?["systemState"]
            #expect(udm?["dbInfo"]?.stringValue?.contains("3 subscriptions") == true, "\(state.text)")
            #expect((udm?["hardwareInfo"]?["cpus"]?.intValue ?? 0) > 0 && udm?["ipAddr"]?[0]?.stringValue == "127.0.0.1")
        }
    }
}
