import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PCF
import PluginAPI

/// The shared simulated site with the `ne` and `pcf` plugins, the simulator playing PCF/001 and
/// PCF/002, both registered, and what PCF tests add: complete bodies and the NE's own policies.
final class PCFHarness: StoppableFixture {
    let site: SimulatedSite
    var host: MockHost { site.host }
    var simulator: SimulatorProcess { site.simulator }

    static let base = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"

    init(config: String = "batchMaxRecords: 5000") async throws {
        site = try await SimulatedSite.start(plugins: [NEManagementPlugin.self, PCFPlugin.self], configuration: """
            server:
              neTimeoutMilliseconds: 5000
            plugins:
              - id: ne
              - id: pcf
                config: { \(config) }
            """, generate: "PCF:2")
    }

    /// Starts a harness, hands it to `body` and stops it when `body` ends, however it ends.
    static func run(config: String = "batchMaxRecords: 5000", _ body: (PCFHarness) async throws -> Void) async throws {
        try await PCFHarness(config: config).use(body)
    }

    func stop() async {
        await site.stop()
    }

    /// A complete, valid policy body.
    static func policy(imsi: String, msisdn: String, rfsp: Int = 1) -> JSONValue {
        [
            "imsi": .string(imsi), "msisdn": .string(msisdn), "rfsp": .number(Double(rfsp)), "sar": "def_sar",
            "pccRules": "internet|ims_sig", "sessRules": "internet|ims_sig", "uePolicy": "uep_001",
            "qosAudio": "qos_audio", "qosVideo": "qos_video", "hdrEnrich": "dnn",
        ]
    }

    /// The NE's own policy of `imsi`, asked behind the OMC's back; `nil` when it has none.
    func nePolicy(imsi: String, neID: String = "001") async throws -> JSONValue? {
        let body = try await site.askNEExpectingSuccess("PCF/\(neID)", "GET", Self.base + "?imsi=\(imsi)")
        return try JSONDecoder().decode(JSONValue.self, from: Data(body))["data"]?[0]
    }

    /// How many policies the NE holds, from its pages.
    func neCount(neID: String = "001") async throws -> Int {
        let (_, body) = try await neCall("GET", query: "?limit=100000", neID: neID)
        return try JSONDecoder().decode(JSONValue.self, from: Data(body))["data"]?.arrayValue?.count ?? -1
    }

    /// A request straight to the NE's `ueInfo` interface.
    func neCall(_ method: String, query: String = "", body: String? = nil, neID: String = "001") async throws -> (Int, [UInt8]) {
        try await site.askNE("PCF/\(neID)", method, Self.base + query, body: body)
    }
}
