import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import UDM
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A mock host with the `ne` and `udm` plugins, and the simulator as a separate process playing
/// UDM/001 and UDM/002, both registered.
final class UDMHarness {
    let host: MockHost
    let simulator: SimulatorProcess

    static func configuration(_ extra: String = "") -> String {
        """
        server:
          neTimeoutMilliseconds: 2000
        plugins:
          - id: ne
          - id: udm
            config: { batchMaxRecords: 5000, reconcileIntervalSeconds: 3600\(extra) }
        """
    }

    /// `plugins` and `extraYAML` add plugins (an identity plugin whose `admin-token` registers the NEs).
    init(configuration: String? = nil, plugins: [any OMCPlugin.Type] = [], extraYAML: String = "") async throws {
        simulator = try SimulatorProcess(generate: "UDM:2")
        host = try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self] + plugins,
                                        configuration: (configuration ?? UDMHarness.configuration()) + "\n" + extraYAML)
        for id in ["001", "002"] {
            let response = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/udm/objectType/neInfo", json: [
                "neType": "UDM", "neId": .string(id), "neName": .string("UDM_\(id)"), "ip": "127.0.0.1",
                "port": .number(Double(simulator.port("UDM/\(id)"))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
            ] as JSONValue, headers: ["Authorization": "Bearer admin-token"])
            precondition(response.code == 200, response.text)
        }
    }

    func stop() async {
        await host.shutdown()
        simulator.stop()
    }

    /// A complete, valid subscription body.
    static func subscription(imsi: String, msisdn: String) -> JSONValue {
        [
            "imsi": .string(imsi), "msisdn": .string(msisdn), "ambr": "def_ambr", "nssai": "def_nssai", "rat": "def_rat",
            "arfb": "def_arfb", "sar": "def_sar", "cn": "def_cn", "smData": "internet", "smfSel": "def_smfsel",
            "epsDat": "def_eps", "epsFlag": "1", "epsOdb": "def_odb", "hplmnOdb": "def_hodb", "ard": "def_ard",
            "epstpl": "def_tpl", "contextId": "1", "apnContext": "1,2", "staticIp": "10.0.0.1",
        ]
    }

    /// A complete, valid authentication body.
    static func authentication(imsi: String, ki: String = "0123456789abcdef0123456789abcdef",
                               opc: String = "fedcba9876543210fedcba9876543210") -> JSONValue {
        ["imsi": .string(imsi), "ki": .string(ki), "opc": .string(opc), "amf": "8000", "algoIndex": "0"]
    }

    /// The NE's own records of `kind` (`sub` or `auth`), read from its dump, by IMSI.
    func neRecords(_ kind: String, neID: String = "001") async throws -> [String: JSONValue] {
        let (status, body) = try await neCall("GET", kind, neID: neID, query: "?limit=100000")
        precondition(status == 200, String(decoding: body, as: UTF8.self))
        var records: [String: JSONValue] = [:]
        for line in body.split(separator: 0x0A) {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(line))
            if let imsi = value["imsi"]?.stringValue { records[imsi] = value }
        }
        return records
    }

    /// A request straight to the NE's provisioning interface, behind the OMC's back.
    func neCall(_ method: String, _ kind: String, neID: String = "001", query: String = "", body: String? = nil) async throws -> (Int, [UInt8]) {
        let port = simulator.port("UDM/\(neID)")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/rest/ueManagement/v1/elementType/udm/objectType/\(kind)\(query)")!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }
}
