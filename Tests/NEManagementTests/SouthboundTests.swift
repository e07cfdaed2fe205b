import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The OMC's southbound against the NE simulator running as a separate process: state, polling,
/// MML forwarding, file pushes, and every fault the simulator can play.
@Suite(.serialized) struct SouthboundTests {
    static let configuration = """
        server:
          neTimeoutMilliseconds: 600
        plugins:
          - id: ne
            config: { pollIntervalSeconds: 30, pushFileMaxMegabytes: 1 }
          - id: amf-fixture
          - id: smf-fixture
        """

    /// The shared simulated site with the simulator's AMF/001, AMF/002 and SMF/001 registered, stopped
    /// when `body` ends, however it ends.
    func withSite(_ body: (MockHost, SimulatorProcess) async throws -> Void) async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, AMFFixture.self, SMFFixture.self], configuration: Self.configuration,
                                    generate: "AMF:2,SMF:1") { site in
            try await body(site.host, site.simulator)
        }
    }

    func states(_ host: MockHost, _ type: String = "ALL", query: String = "") async -> [String: JSONValue] {
        let response = await host.send(.get, "/api/rest/systemManagement/v1/elementType/\(type)/objectType/systemState\(query)")
        var result: [String: JSONValue] = [:]
        for item in response.json?["data"]?.arrayValue ?? [] {
            if case .object(let members) = item { result.merge(members) { $1 } }
        }
        return result
    }

    @Test func readsSystemStateOfOneTypeAndAll() async throws {
        try await withSite { (host, simulator) async throws in
        let all = await states(host)
        #expect(all.keys.sorted() == ["AMF/001", "AMF/002", "SMF/001"])
        let amf = try #require(all["AMF/001"]?["systemState"])
        #expect(amf["neType"]?.stringValue == "AMF" && amf["neId"]?.stringValue == "001")
        #expect(amf["cpuUsage"]?["sysCpuUsage"] != nil && amf["memUsage"]?["totalMem"]?.numberValue ?? 0 > 0)
        #expect(all["AMF/001"]?["ipAddress"]?.stringValue == "127.0.0.1")

        let one = await states(host, "amf", query: "?ne_id=002")
        #expect(one.keys.sorted() == ["AMF/002"])
        #expect(await states(host, "AMF").keys.sorted() == ["AMF/001", "AMF/002"])
        #expect(await host.send(.get, "/api/rest/systemManagement/v1/elementType/amf/objectType/systemState?ne_id=009").msg == "NE AMF/009 is not registered")
        #expect(await host.send(.get, "/api/rest/systemManagement/v1/elementType/pcf/objectType/systemState").status == 404)
        }
    }

    @Test func everyFaultModeGivesAPerNEErrorWithinTheTimeout() async throws {
        try await withSite { (host, simulator) async throws in
        let cases: [(mode: String, delay: Int?, expected: String)] = [
            ("refuse", nil, "NE AMF/001 (127.0.0.1:\(simulator.port("AMF/001"))) refused the connection"),
            ("delay", 8000, "NE AMF/001 (127.0.0.1:\(simulator.port("AMF/001"))) did not answer within 600 ms"),
            ("malformed", nil, "NE AMF/001 answered malformed JSON"),
            ("close", nil, "NE AMF/001 (127.0.0.1:\(simulator.port("AMF/001"))) "),
        ]
        for (mode, delay, expected) in cases {
            try await simulator.fault("AMF/001", mode, delayMs: delay)
            let started = ContinuousClock.now
            let all = await states(host)
            let elapsed = ContinuousClock.now - started
            // The margin allows for other suites' processes (the UDM tests start `omc` and
            // `omc-nesim`) sharing two cores; a hang would run into the 8 s delay.
            #expect(elapsed < .milliseconds(600 + 4000), "\(mode) took \(elapsed)")
            let info = all["AMF/001"]?["error"]?["errorInfo"]?.stringValue ?? "(no error)"
            #expect(info.hasPrefix(expected), "\(mode): \(info)")
            #expect(all["AMF/001"]?["error"]?["errorCode"]?.stringValue == "1")
            #expect(all["AMF/002"]?["systemState"] != nil, "\(mode) disturbed another NE")
            try await simulator.fault("AMF/001", "none")
            #expect(await states(host)["AMF/001"]?["systemState"] != nil, "AMF/001 did not recover after \(mode)")
        }
        }
    }

    @Test func pollingPublishesStateChanges() async throws {
        try await withSite { (host, simulator) async throws in
        await host.clock.advance(by: 30)
        var changes = host.events(of: NEStateChanged.self)
        #expect(Set(changes.map { "\($0.element.key)=\($0.online)" }) == ["AMF/001=true", "AMF/002=true", "SMF/001=true"])
        try await simulator.fault("AMF/002", "refuse")
        await host.clock.advance(by: 30)
        changes = host.events(of: NEStateChanged.self)
        #expect(changes.count == 4)
        #expect(changes.last?.element.key == "AMF/002" && changes.last?.online == false)
        #expect(changes.last?.reason?.hasPrefix("NE AMF/002 (127.0.0.1:\(simulator.port("AMF/002"))) ") == true, "\(changes.last?.reason ?? "")")
        #expect(await host.send(.get, "/ne/info?neType=AMF&neId=002").data?["state"]?.stringValue == "offline")
        try await simulator.fault("AMF/002", "none")
        await host.clock.advance(by: 30)
        #expect(host.events(of: NEStateChanged.self).count == 5)
        #expect(await host.send(.get, "/ne/list?state=online").json?["total"]?.intValue == 3)
        }
    }

    @Test func forwardsMMLThePluginDoesNotHandleAndAnswersItsOwn() async throws {
        try await withSite { (host, simulator) async throws in
        let response = try await host.mml(["date", "LST NE", "DSP SESSIONS"], neType: "smf", neID: "001")
        let results = try #require(response.data?.arrayValue)
        #expect(results.map { $0["code"]?.intValue } == [200, 200, 200])
        #expect(results[0]["output"]?.stringValue?.count == "2026-11-23 20:00:00 +00:00".count)
        #expect(results[1]["output"]?.stringValue?.contains("SMF") == true)
        #expect(results[2]["output"]?.stringValue == "sessions of 001: 0")

        #expect(try await host.mml(["date"], neType: "smf").data?[0]?["msg"]?.stringValue
            == "ne_id: is required: DATE is not an OMC command for SMF, so it is sent to the NE named by ne_id")
        #expect(try await host.mml(["date"], neType: "smf", neID: "404").data?[0]?["msg"]?.stringValue == "NE SMF/404 is not registered")
        try await simulator.fault("SMF/001", "delay", delayMs: 3000)
        let slow = try await host.mml(["date", "date"], neType: "smf", neID: "001")
        #expect(slow.data?.arrayValue?.map { $0["code"]?.intValue } == [500, 500])
        #expect(slow.data?[0]?["msg"]?.stringValue?.contains("(127.0.0.1:\(simulator.port("SMF/001"))) did not answer within 600 ms") == true,
                "\(slow.data?[0]?["msg"]?.stringValue ?? "")")
        #expect(host.operations.last?.title == "MML DATE (forwarded to the NE)")
        }
    }

    @Test func pushesUploadedFilesToNEsAndRefusesUnsafePaths() async throws {
        try await withSite { (host, simulator) async throws in
        let uploads = URL(fileURLWithPath: host.dataDirectory).appendingPathComponent("upload/sw")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        let content = Data((0..<300_000).map { UInt8($0 % 251) })
        try content.write(to: uploads.appendingPathComponent("patch.bin"))
        try Data(count: 2 * 1024 * 1024).write(to: uploads.appendingPathComponent("big.bin"))
        try FileManager.default.createSymbolicLink(atPath: uploads.appendingPathComponent("escape").path, withDestinationPath: "/etc/hostname")

        let pushed = try await host.send(.post, "/ne/action/pushFile", json: ["uploadPath": "sw/patch.bin", "neType": "AMF", "neId": "001"])
        #expect(pushed.json == ["code": 1, "msg": "success", "data": "sw/patch.bin"])
        let stored = simulator.folder.appendingPathComponent("AMF-001/sw/patch.bin")
        #expect(FileManager.default.contents(atPath: stored.path) == content)
        #expect(pushed.headers["X-Operation-Id"] != nil, "the synchronous push records its operation")

        // Asked asynchronously, the push answers 202 and its operation counts the bytes sent.
        let accepted = try await host.send(.post, "/ne/action/pushFile", json: ["uploadPath": "sw/patch.bin", "neType": "AMF", "neId": "001"],
                                           headers: ["Prefer": "respond-async"])
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(accepted.data?["operationId"]?.stringValue)
        var operation = JSONValue.null
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            operation = await host.send(.get, "/monitor/operation/\(id)").data ?? .null
            if operation["state"]?.stringValue != "running" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(operation["state"]?.stringValue == "succeeded" && operation["result"]?.stringValue == "sw/patch.bin", "\(operation)")
        #expect(operation["kind"]?.stringValue == "ne.file.push")
        #expect(operation["done"]?.intValue == 300_000 && operation["total"]?.intValue == 300_000, "\(operation)")

        let refusals: [(String, Int, String)] = [
            ("../plugins.yaml", 400, "uploadPath: must be a relative path inside the upload folder, without '..', empty or control characters"),
            ("/etc/passwd", 400, "uploadPath: must be a relative path inside the upload folder, without '..', empty or control characters"),
            ("sw/escape", 400, "uploadPath: leads outside the upload folder"),
            ("sw/missing.bin", 404, "uploadPath: sw/missing.bin does not exist in the upload folder"),
            ("sw/big.bin", 413, "uploadPath: sw/big.bin is 2097152 bytes; at most 1048576 bytes are pushed to an NE"),
            ("sw", 400, "uploadPath: sw is not a regular file"),
        ]
        for (path, status, message) in refusals {
            let response = try await host.send(.post, "/ne/action/pushFile", json: ["uploadPath": path, "neType": "AMF", "neId": "001"])
            #expect(response.status == status && response.msg == message, "\(path): \(response.text)")
        }
        try await simulator.fault("AMF/001", "refuse")
        let refused = try await host.send(.post, "/ne/action/pushFile", json: ["uploadPath": "sw/patch.bin", "neType": "AMF", "neId": "001"])
        #expect(refused.status == 502 && refused.msg?.hasSuffix("refused the connection") == true)
        }
    }

    @Test func reportsTheOMCsOwnStateAndTime() async throws {
        try await MockHost.run([NEManagementPlugin.self]) { host async throws in
        let state = try #require(await states(host, "omc")["OMC/001"]?["systemState"])
        #expect(state["dbInfo"]?.stringValue?.hasPrefix("SQLite 3.") == true)
        #expect(state["hostName"]?.stringValue?.isEmpty == false)
        #expect(state["memUsage"]?["nfUsedMem"]?.numberValue ?? 0 > 1000)
        // The document's units, as the simulator's NEs report them: CPU and used memory in hundredths
        // of a percent (of all CPUs, of totalMem), memory sizes in kB.
        for value in [state["cpuUsage"]?["nfCpuUsage"], state["cpuUsage"]?["sysCpuUsage"], state["memUsage"]?["sysMemUsage"]] {
            let number = try #require(value?.numberValue)
            #expect(number == number.rounded() && (0...10_000).contains(number), "\(state)")
        }
        #expect(state["memUsage"]?["sysMemUsage"]?.numberValue ?? 0 > 0)
        #expect(state["hardwareInfo"]?["memory"]?.numberValue == state["memUsage"]?["totalMem"]?.numberValue, "both kB, as in the document")
        #expect(state["memUsage"]?["totalMem"]?.numberValue ?? 0 > state["memUsage"]?["nfUsedMem"]?.numberValue ?? 0)
        let again = try #require(await states(host, "omc")["OMC/001"]?["systemState"])
        #expect((0...10_000).contains(again["cpuUsage"]?["sysCpuUsage"]?.numberValue ?? -1), "the second figure is a rate since the first")
        #expect(state["diskSpace"]?["partitionInfo"]?[0]?["total"]?.numberValue ?? 0 > 0)
        let time = await host.send(.get, "/api/rest/systemManagement/v1/elementType/OMC/objectType/time")
        #expect(time.data?["timestamp"]?.numberValue == 1_800_000_000_000)
        }
    }
}
