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

/// The shared simulated site with the simulator playing AMF/001, SMF/001 and UPF/001, and a mock
/// host with the NE management, trace and UPF plugins and the AMF/SMF fixtures, every NE registered.
struct TraceTestBed: StoppableFixture {
    let site: SimulatedSite
    var host: MockHost { site.host }
    var simulator: SimulatorProcess { site.simulator }
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
        let plugins = plugins + (identity ? [ViewerKeyring.self] : [])
        let site = try await SimulatedSite.start(plugins: plugins, configuration: configuration(extraPlugins: identity ? "  - id: keyring" : ""),
                                                 generate: "AMF:1,SMF:1,UPF:1", login: { _ in ["Authorization": "Bearer admin-token"] })
        return TraceTestBed(site: site)
    }

    /// Starts a bed, hands it to `body` and stops it when `body` ends, however it ends.
    static func run(identity: Bool = false, _ body: (TraceTestBed) async throws -> Void) async throws {
        try await start(identity: identity).use(body)
    }

    /// Headers of an admin session (ignored when no identity plugin runs).
    var admin: [String: String] { ["Authorization": "Bearer admin-token"] }

    func stop() async {
        await site.stop()
    }

    /// `yyyy-MM-dd HH:mm:ss` of the OMC's clock plus `seconds`.
    func time(_ seconds: TimeInterval) -> String {
        DocumentTime.format(host.clock.now().addingTimeInterval(seconds))
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
