import Foundation
import OMCTestSupport
import PluginAPI
import Testing

/// The whole path over two real processes: `omc serve` with the bundled UDM and performance plugins,
/// and `omc-nesim` pushing to it on a fast measurement clock. A task reaches the UDM, the UDM pushes
/// every period with its push credential, and the OMC answers the history with the derived success
/// rate.
@Suite(.serialized) struct SimulatorPushTests {
    static let configuration = """
        server:
          logLevel: warning
        plugins:
          - id: ne
            config: { pollIntervalSeconds: 3600 }
          - id: udm
          - id: performance
        """

    @Test(.timeLimit(.minutes(2)))
    func theSimulatorPushesEveryPeriodOfItsTaskWithItsCredential() async throws {
        let omc = try OMCProcess(configuration: Self.configuration)
        defer { _ = omc.stop() }
        // 900 times real time: a 15-minute period a second, starting a day back.
        let simulator = try SimulatorProcess(generate: "UDM:1", arguments: ["--omc", omc.baseURL.absoluteString, "--pm-speed", "900"])
        defer { simulator.stop() }
        let registered = try await omc.register("UDM/001", playedBy: simulator)
        let credential = try #require(registered["data"]?["pushCredential"]?.stringValue, "\(registered)")
        try await simulator.setPushCredential("UDM/001", credential)
        let task = try await omc.json("POST", "/api/rest/performanceManagement/v1/elementType/udm/objectType/measureTask", [
            "ne_ids": ["001"], "kpi_set": [["Code": "AUTH", "KPIs": ["UDM.AuthAttempts", "UDM.AuthSuccesses"]]],
            "granul_option": "15M", "status": "Active",
        ])
        #expect(task["data"]?["elements"]?[0]?["state"]?.stringValue == "active", "\(task)")

        let now = Date()
        let range = "startTime=\(Self.encoded(now.addingTimeInterval(-86_400)))&endTime=\(Self.encoded(now.addingTimeInterval(3600)))"
        var points: [JSONValue] = []
        for _ in 0..<60 where points.count < 4 {
            try await Task.sleep(for: .milliseconds(500))
            let answer = try await omc.json("GET", "/api/rest/performanceManagement/v1/elementType/udm/objectType/kpi?neIds=001&kpis=UDM.AuthSuccessRate&" + range)
            points = answer["data"]?["series"]?[0]?["points"]?.arrayValue ?? []
        }
        #expect(points.count >= 4, "the UDM pushed \(points.count) periods")
        #expect(points.allSatisfy { ($0["value"]?.numberValue ?? 0) > 95 && ($0["value"]?.numberValue ?? 100) <= 100 }, "\(points)")
    }

    static func encoded(_ date: Date) -> String {
        DocumentTime.format(date).replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ":", with: "%3A")
    }
}
