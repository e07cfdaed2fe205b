import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PCF
import PluginAPI
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A mock host with the `ne` and `pcf` plugins, and the simulator as a separate process playing
/// PCF/001 and PCF/002, both registered.
final class PCFHarness {
    let host: MockHost
    let simulator: SimulatorProcess

    static let base = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"

    init(config: String = "batchMaxRecords: 5000") async throws {
        simulator = try SimulatorProcess(generate: "PCF:2")
        host = try await MockHost.start([NEManagementPlugin.self, PCFPlugin.self], configuration: """
            server:
              neTimeoutMilliseconds: 5000
            plugins:
              - id: ne
              - id: pcf
                config: { \(config) }
            """)
        for id in ["001", "002"] {
            let response = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/pcf/objectType/neInfo", json: [
                "neType": "PCF", "neId": .string(id), "neName": .string("PCF_\(id)"), "ip": "127.0.0.1",
                "port": .number(Double(simulator.port("PCF/\(id)"))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
            ] as JSONValue)
            precondition(response.code == 200, response.text)
        }
    }

    func stop() async {
        await host.shutdown()
        simulator.stop()
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
        let (status, body) = try await neCall("GET", query: "?imsi=\(imsi)", neID: neID)
        precondition(status == 200, String(decoding: body, as: UTF8.self))
        return try JSONDecoder().decode(JSONValue.self, from: Data(body))["data"]?[0]
    }

    /// How many policies the NE holds, from its pages.
    func neCount(neID: String = "001") async throws -> Int {
        let (_, body) = try await neCall("GET", query: "?limit=100000", neID: neID)
        return try JSONDecoder().decode(JSONValue.self, from: Data(body))["data"]?.arrayValue?.count ?? -1
    }

    /// A request straight to the NE's `ueInfo` interface.
    func neCall(_ method: String, query: String = "", body: String? = nil, neID: String = "001") async throws -> (Int, [UInt8]) {
        let port = simulator.port("PCF/\(neID)")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(Self.base)\(query)")!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }
}
