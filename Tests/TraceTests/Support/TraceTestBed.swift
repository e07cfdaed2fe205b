import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import OMCTestSupport
import Testing
import Trace
import UPF
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The simulator (AMF/001, SMF/001, UPF/001) as a separate process, and a mock host with the NE
/// management, trace and UPF plugins and the AMF/SMF fixtures, every NE registered.
struct TraceTestBed {
    let host: MockHost
    let simulator: SimulatorProcess
    static let keys = ["AMF/001", "SMF/001", "UPF/001"]
    static let plugins: [any OMCPlugin.Type] = [NEManagementPlugin.self, TracePlugin.self, UPFPlugin.self, AMFTraceFixture.self, SMFPlainFixture.self]

    static func configuration(extraPlugins: String = "") -> String {
        """
        server:
          neTimeoutMilliseconds: 2000
        plugins:
          - id: ne
            config: { pollIntervalSeconds: 3600 }
          - id: trace
            config: { checkIntervalSeconds: 5, maximumCaptureSeconds: 600 }
          - id: upf
          - id: amf-fixture
          - id: smf-fixture
        \(extraPlugins)
        """
    }

    static func start(identity: Bool = false) async throws -> TraceTestBed {
        let simulator = try SimulatorProcess(generate: "AMF:1,SMF:1,UPF:1")
        let plugins = plugins + (identity ? [ViewerKeyring.self] : [])
        let host = try await MockHost.start(plugins, configuration: configuration(extraPlugins: identity ? "  - id: keyring" : ""))
        let bed = TraceTestBed(host: host, simulator: simulator)
        for key in keys {
            let parts = key.split(separator: "/").map(String.init)
            let response = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/\(parts[0].lowercased())/objectType/neInfo", json: [
                "neType": .string(parts[0]), "neId": .string(parts[1]), "neName": .string("\(parts[0])_\(parts[1])"), "ip": "127.0.0.1",
                "port": .number(Double(simulator.port(key))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
            ] as JSONValue, headers: bed.admin)
            #expect(response.code == 200, "\(response.text)")
        }
        return bed
    }

    /// Headers of an admin session (ignored when no identity plugin runs).
    var admin: [String: String] { ["Authorization": "Bearer admin-token"] }

    func stop() async {
        simulator.stop()
        await host.shutdown()
    }

    /// `yyyy-MM-dd HH:mm:ss` of the OMC's clock plus `seconds`.
    func time(_ seconds: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: host.clock.now().addingTimeInterval(seconds))
    }

    /// Asks the simulated NE directly (not through the OMC).
    func askNE(_ key: String, _ path: String) async throws -> JSONValue {
        let url = try #require(URL(string: "http://127.0.0.1:\(simulator.port(key))\(path)"))
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The ids of the trace tasks active on the NE, as the NE itself reports them.
    func activeTasks(on key: String) async throws -> [Int] {
        let type = key.split(separator: "/")[0].lowercased()
        let answer = try await askNE(key, "/api/rest/traceManagement/v1/elementType/\(type)/objectType/traceTask")
        return (answer["data"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }
    }

    /// Creates a trace task and returns the answer.
    func createTask(_ fields: [String: JSONValue]) async throws -> MockResponse {
        var body: [String: JSONValue] = ["traceType": "Interface", "startTime": .string(time(60)), "endTime": .string(time(180)),
                                         "neType": "AMF", "neId": "001", "interfaces": ["N8", "N11"]]
        body.merge(fields) { $1 }
        return try await host.send(.post, "/api/rest/traceManagement/v1/subscriptions", json: JSONValue.object(body), headers: admin)
    }

    func task(_ id: Int) async -> JSONValue? {
        await host.send(.get, "/api/rest/traceManagement/v1/subscriptions/\(id)", headers: admin).data
    }
}
