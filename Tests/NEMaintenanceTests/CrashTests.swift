import Foundation
import OMCTestSupport
import PluginAPI
import Testing

/// The real `omc` killed with SIGKILL while an NE restarts into a new version: after the restart the
/// operation is `interrupted`, the NE is no longer held, and the OMC shows the version the NE reports
/// once it is back, never the one it was only asked to run.
@Suite(.serialized) struct CrashTests {
    static let configuration = """
        server:
          neTimeoutMilliseconds: 2000
          logLevel: warning
        plugins:
          - id: ne
          - id: upf
          - id: nemaint
            config:
              dailyBackup: false
        """
    static let software = "/api/rest/systemManagement/v1/UPF/software"
    static let state = "/api/rest/systemManagement/v1/elementType/upf/objectType/software?ne_id=001"

    static func upload(_ omc: OMCProcess, _ package: [UInt8]) async throws -> Int {
        let boundary = "nemaint-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upf-2.0.0.zip\"\r\nContent-Type: application/zip\r\n\r\n".utf8)
        body.append(contentsOf: package)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await omc.request("POST", "\(software)/2.0.0", body: body, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"]).status
    }

    @Test(.timeLimit(.minutes(2)))
    func anActivationCutByACrashLeavesTheNEFreeAndItsRealVersion() async throws {
        let simulator = try SimulatorProcess(generate: "UPF:1")
        defer { simulator.stop() }
        var omc = try OMCProcess(configuration: Self.configuration)
        let data = omc.dataDirectory
        #expect(try await omc.register("UPF/001", playedBy: simulator)["code"]?.intValue == 200)
        #expect(try await Self.upload(omc, try MaintenanceSite.package(neType: "UPF", version: "2.0.0")) == 200)
        #expect(try await omc.json("POST", "\(Self.software)/2.0.0/001")["code"]?.intValue == 200)

        try await MaintenanceSite.maintenance(controlURL: simulator.controlURL, "UPF/001", failAt: [], restartSeconds: 4)
        let started = try await omc.request("PUT", "\(Self.software)/2.0.0/001", headers: ["Prefer": "respond-async"])
        #expect(started.status == 202)
        let id = try #require((try JSONDecoder().decode(JSONValue.self, from: started.body))["data"]?["operationId"]?.stringValue)
        try await Task.sleep(for: .milliseconds(1500))
        omc.killHard()

        omc = try OMCProcess(configuration: Self.configuration, dataDirectory: data)
        defer { _ = omc.stop() }
        let operation = try await omc.json("GET", "/monitor/operation/\(id)")["data"]
        #expect(operation?["state"]?.stringValue == "interrupted", "\(String(describing: operation))")
        #expect(operation?["settlement"]?.stringValue?.hasPrefix("NE UPF/001 was given back after the stop (activate 2.0.0)") == true,
                "\(String(describing: operation))")
        var shown = try await omc.json("GET", Self.state)["data"] ?? .null
        #expect(shown["operationId"] == nil, "the NE is still held: \(shown)")
        // Whatever it shows before the NE is back, it never claims the version the NE was only asked to run.
        let deadline = ContinuousClock.now + .seconds(30)
        while shown["reachable"]?.boolValue != true, ContinuousClock.now < deadline {
            #expect(shown["runningVersion"] == nil || shown["runningVersion"]?.stringValue == "1.0.0", "\(shown)")
            try await Task.sleep(for: .milliseconds(300))
            shown = try await omc.json("GET", Self.state)["data"] ?? .null
        }
        #expect(shown["runningVersion"]?.stringValue == "2.0.0" && shown["previousVersion"]?.stringValue == "1.0.0", "\(shown)")
        // Not held: the next operation runs.
        let rolledBack = try await omc.json("PATCH", "\(Self.software)/2.0.0/001")
        #expect(rolledBack["data"]?["runningVersion"]?.stringValue == "1.0.0", "\(rolledBack)")
    }
}
