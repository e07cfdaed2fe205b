import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import UDM

/// The shared simulated site with the `ne` and `udm` plugins, the simulator playing UDM/001 and
/// UDM/002, both registered, and what UDM tests add: complete bodies and the NE's own records.
final class UDMHarness: StoppableFixture {
    let site: SimulatedSite
    var host: MockHost { site.host }
    var simulator: SimulatorProcess { site.simulator }

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
        site = try await SimulatedSite.start(plugins: [NEManagementPlugin.self, UDMPlugin.self] + plugins,
                                             configuration: (configuration ?? UDMHarness.configuration()) + "\n" + extraYAML,
                                             generate: "UDM:2", login: { _ in ["Authorization": "Bearer admin-token"] })
    }

    /// Starts a harness, hands it to `body` and stops it when `body` ends, however it ends.
    static func run(configuration: String? = nil, plugins: [any OMCPlugin.Type] = [], extraYAML: String = "",
                    _ body: (UDMHarness) async throws -> Void) async throws {
        try await UDMHarness(configuration: configuration, plugins: plugins, extraYAML: extraYAML).use(body)
    }

    func stop() async {
        await site.stop()
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
        let body = try await site.askNEExpectingSuccess("UDM/\(neID)", "GET", Self.nePath(kind) + "?limit=100000")
        var records: [String: JSONValue] = [:]
        for line in body.split(separator: 0x0A) {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(line))
            if let imsi = value["imsi"]?.stringValue { records[imsi] = value }
        }
        return records
    }

    /// A request straight to the NE's provisioning interface, behind the OMC's back.
    func neCall(_ method: String, _ kind: String, neID: String = "001", query: String = "", body: String? = nil) async throws -> (Int, [UInt8]) {
        try await site.askNE("UDM/\(neID)", method, Self.nePath(kind) + query, body: body)
    }

    private static func nePath(_ kind: String) -> String {
        "/api/rest/ueManagement/v1/elementType/udm/objectType/\(kind)"
    }
}
