import Foundation
import NEManagement
import OMCHost
import OMCTesting
import PluginAPI
import OMCTestSupport
import Testing
import Trace

/// The OMC stopped and started again on the same database, with time moved on while it was down:
/// tasks are still there and the first check after the restart catches up.
@Suite(.serialized) struct RestartTests {
    /// A host on a database file, its jobs running on `clock`.
    struct BootedOMC {
        let runtime: HostRuntime
        let jobs: Task<Void, Never>

        init(folder: URL, clock: ManualClock) async throws {
            let file = try PluginsFile.parse("""
                server:
                  dataDir: \(folder.path)
                  neTimeoutMilliseconds: 2000
                plugins:
                  - id: ne
                    config: { pollIntervalSeconds: 3600 }
                  - id: trace
                    config: { checkIntervalSeconds: 5 }
                  - id: amf-fixture
                """, path: "plugins.yaml")
            let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([NEManagementPlugin.self, TracePlugin.self, AMFTraceFixture.self]))
            let runtime = try await HostRuntime.boot(assembly: assembly, database: try HostDatabase.open(directory: folder.path),
                                                     clock: clock, logSink: LogSink(level: .error) { _, _, _ in })
            self.runtime = runtime
            jobs = Task { await runtime.runJobs() }
            let deadline = ContinuousClock.now + .seconds(2)
            while clock.sleeperCount < runtime.jobCount, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        }

        func send(_ method: String, _ path: String, json: JSONValue? = nil) async throws -> JSONValue {
            let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
            let body = try json.map { try JSONBody.encode($0) } ?? []
            let response = await runtime.respond(to: IncomingRequest(
                method: method, path: parts[0], query: parts.count > 1 ? parts[1] : nil,
                headers: HeaderFields([("Content-Type", "application/json")]), body: { limit in RequestBody(bytes: body, limit: limit) },
                contentLength: body.count, clientAddress: "127.0.0.1"))
            switch response.body {
            case .json(let value): return try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
            case .bytes(let bytes): return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
            case .empty, .stream: return .null
            }
        }

        func stop() async {
            jobs.cancel()
            await jobs.value
            await runtime.shutdown()
        }
    }

    static func time(_ clock: ManualClock, _ seconds: TimeInterval) -> JSONValue {
        .string(DocumentTime.format(clock.now().addingTimeInterval(seconds)))
    }

    @Test func tasksSurviveARestartAndTheFirstCheckCatchesUp() async throws {
        let simulator = try SimulatorProcess(generate: "AMF:1")
        defer { simulator.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-trace-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = ManualClock()
        var omc = try await BootedOMC(folder: folder, clock: before)
        let registered = try await omc.send("POST", "/api/rest/systemManagement/v1/elementType/amf/objectType/neInfo", json: [
            "neType": "AMF", "neId": "001", "neName": "AMF_001", "ip": "127.0.0.1", "port": .number(Double(simulator.port("AMF/001"))),
            "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
        ])
        #expect(registered["code"]?.intValue == 200, "\(registered)")
        func create(_ start: TimeInterval, _ end: TimeInterval) async throws -> Int {
            let answer = try await omc.send("POST", "/api/rest/traceManagement/v1/subscriptions", json: [
                "traceType": "Interface", "startTime": Self.time(before, start), "endTime": Self.time(before, end),
                "neType": "AMF", "neId": "001", "interfaces": ["N11"],
            ])
            return try #require(answer["data"]?["id"]?.intValue, "\(answer)")
        }
        let running = try await create(5, 600)
        let missed = try await create(60, 120)
        let late = try await create(60, 3600)
        await before.advance(by: 5)
        #expect(try await omc.send("GET", "/api/rest/traceManagement/v1/subscriptions/\(running)")["data"]?["state"]?.stringValue == "running")
        await omc.stop()

        // Down for five minutes: past both starts, past the end of `missed`.
        let after = ManualClock(now: before.now().addingTimeInterval(300))
        omc = try await BootedOMC(folder: folder, clock: after)
        #expect(try await omc.send("GET", "/api/rest/traceManagement/v1/subscriptions")["total"]?.intValue == 3, "tasks lost in the restart")
        await after.advance(by: 5)
        let states = try await omc.send("GET", "/api/rest/traceManagement/v1/subscriptions?sortField=id")["rows"]?.arrayValue ?? []
        let byID = Dictionary(uniqueKeysWithValues: states.compactMap { row in row["id"]?.intValue.map { ($0, row) } })
        #expect(byID[running]?["state"]?.stringValue == "running")
        #expect(byID[missed]?["state"]?.stringValue == "failed")
        #expect(byID[missed]?["reason"]?.stringValue == "never activated: the OMC was not running between its start and end time")
        #expect(byID[late]?["state"]?.stringValue == "running", "\(String(describing: byID[late]))")
        await omc.stop()
    }
}
