import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import Performance
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A simulated site with SMF/001, SMF/002 and AMF/001 played by `omc-nesim`, and a mock host with
/// the NE management and performance plugins and the SMF (with KPIs) and AMF (without) fixtures.
/// The manual clock starts at the real time, so that the simulator's times and the OMC's agree.
struct PerformanceTestBed: StoppableFixture {
    let site: SimulatedSite
    var host: MockHost { site.host }
    var simulator: SimulatorProcess { site.simulator }
    static let plugins: [any OMCPlugin.Type] = [NEManagementPlugin.self, PerformancePlugin.self, SMFMeasuredFixture.self, AMFPlainFixture.self]
    static let base = "/api/rest/performanceManagement/v1/elementType"
    static let taskPath = base + "/smf/objectType/measureTask"

    static let configuration = """
        server:
          neTimeoutMilliseconds: 1500
        plugins:
          - id: ne
            config: { pollIntervalSeconds: 3600 }
          - id: performance
            config: { retryIntervalSeconds: 60, rawRetentionDays: 3, hourlyRetentionDays: 10, dailyRetentionDays: 30 }
          - id: smf-fixture
          - id: amf-fixture
        """

    /// Starts a bed at a whole hour of today, hands it to `body` and stops it when `body` ends.
    static func run(_ body: (PerformanceTestBed) async throws -> Void) async throws {
        let now = Date().timeIntervalSince1970
        let clock = ManualClock(now: Date(timeIntervalSince1970: (now / 3600).rounded(.down) * 3600))
        let site = try await SimulatedSite.start(plugins: plugins, configuration: configuration, generate: "SMF:2,AMF:1", clock: clock)
        try await PerformanceTestBed(site: site).use(body)
    }

    func stop() async {
        await site.stop()
    }

    /// `yyyy-MM-dd HH:mm:ss` of the OMC's clock plus `seconds`.
    func time(_ seconds: TimeInterval) -> String {
        DocumentTime.format(host.clock.now().addingTimeInterval(seconds))
    }

    /// A task body for SMF/001 and SMF/002 with `fields` changed.
    static func task(_ fields: [String: JSONValue] = [:]) -> JSONValue {
        var body: [String: JSONValue] = [
            "ne_type": "SMF", "ne_ids": ["001", "002"],
            "kpi_set": [["Code": "SMFHA01", "KPIs": ["SMF.AttCreatePduSession", "SMF.SuccCreatePduSession"]]],
            "schedule": [["Type": "", "Days": []]], "start_time": "", "end_time": "", "granul_option": "15M",
            "status": "Active", "periods": [],
        ]
        body.merge(fields) { $1 }
        return .object(body)
    }

    /// The measurement tasks the simulated NE holds, as the NE itself lists them (by id).
    func tasksOn(_ key: String) async throws -> [Int: JSONValue] {
        let type = key.split(separator: "/")[0].lowercased()
        let answer = try await site.askNEExpectingSuccess(key, "GET", "/api/rest/performanceManagement/v1/elementType/\(type)/objectType/measureTask")
        let list = try JSONDecoder().decode(JSONValue.self, from: Data(answer))["data"]?.arrayValue ?? []
        var tasks: [Int: JSONValue] = [:]
        for task in list { if let id = task["id"]?.intValue { tasks[id] = task } }
        return tasks
    }

    /// Sets the simulated NE's measurement switches through the control API.
    func measurementSwitches(_ key: String, _ body: JSONValue) async throws {
        let url = try #require(URL(string: "\(simulator.controlURL)/control/ne/\(key)/pm"))
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = try JSONEncoder().encode(body)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
    }

    /// The per-NE states of a task answer, by NE id.
    static func states(_ task: JSONValue?) -> [String: String] {
        var states: [String: String] = [:]
        for element in task?["elements"]?.arrayValue ?? [] {
            if let id = element["neId"]?.stringValue { states[id] = element["state"]?.stringValue }
        }
        return states
    }
}
