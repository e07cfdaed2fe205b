import Foundation
import NEManagement
import OMCHost
import OMCTestSupport
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The OMC serving HTTP on loopback and the simulator as another process: register NEs through the
/// API, read state, send MML, go through every fault mode, and check nothing hangs or leaks.
@Suite(.serialized) struct TwoProcessTests {
    @Test func survivesEveryFaultModeWithoutHangingOrLeaking() async throws {
        let simulator = try SimulatorProcess(generate: "AMF:3")
        defer { simulator.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-2p-\(UUID().uuidString)")
        let file = try PluginsFile.parse("""
            server:
              port: 0
              dataDir: \(folder.path)
              neTimeoutMilliseconds: 500
            plugins:
              - id: ne
              - id: amf-fixture
            """, path: "plugins.yaml")
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([NEManagementPlugin.self, AMFFixture.self]))
        let runtime = try await HostRuntime.boot(assembly: assembly, database: try HostDatabase.open(directory: folder.path),
                                                 clock: SystemClock(), logSink: LogSink(level: .error) { _, _, _ in })
        let server = try await RunningServer.start(runtime)
        let base = server.baseURL

        for id in ["001", "002", "003"] {
            let (status, body) = try await call("POST", base + "/api/rest/systemManagement/v1/elementType/amf/objectType/neInfo?ne_id=\(id)", json: [
                "neType": "AMF", "neId": .string(id), "neName": .string("AMF_\(id)"), "ip": "127.0.0.1",
                "port": .string(String(simulator.port("AMF/\(id)"))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "x",
            ])
            #expect(status == 200, "\(body)")
        }

        let nePorts = Set(["AMF/001", "AMF/002", "AMF/003"].map { simulator.port($0) })
        for round in 0..<3 {
            for mode in ["refuse", "delay", "malformed", "close", "flap", "none"] {
                try await simulator.fault("AMF/001", mode, delayMs: mode == "delay" ? 10_000 : nil, flapSeconds: mode == "flap" ? 0.2 : nil)
                let started = ContinuousClock.now
                let (status, state) = try await call("GET", base + "/api/rest/systemManagement/v1/elementType/ALL/objectType/systemState")
                #expect(status == 200)
                // The margin allows for other suites' processes sharing two cores; a hang would run
                // into the 10 s delay.
                #expect(ContinuousClock.now - started < .milliseconds(500 + 6500), "round \(round) \(mode) hung")
                let entries = state["data"]?.arrayValue ?? []
                #expect(entries.count == 3)
                #expect(entries.filter { $0["AMF/002"]?["systemState"] != nil || $0["AMF/003"]?["systemState"] != nil }.count == 2,
                        "healthy NEs must answer while AMF/001 is in \(mode)")
                let (_, mml) = try await call("POST", base + "/api/rest/opeartionManagement/v1/elementType/amf/objectType/mml?ne_id=001",
                                              json: ["mml": ["date"]])
                let code = mml["data"]?[0]?["code"]?.intValue
                #expect(mode == "none" ? code == 200 : code != nil, "round \(round) \(mode): \(mml)")
            }
        }
        try await simulator.fault("AMF/001", "none")
        let (_, recovered) = try await call("GET", base + "/api/rest/systemManagement/v1/elementType/amf/objectType/systemState?ne_id=001")
        #expect(recovered["data"]?[0]?["AMF/001"]?["systemState"]?["neId"]?.stringValue == "001")
        // The pool keeps at most neConnectionsPerNE (8) connections to each NE; a leak grows with every round.
        let connections = establishedConnections(toPorts: nePorts)
        #expect(connections <= 3 * 8, "\(connections) connections to the NEs are open")

        try await server.stop()
    }

    func call(_ method: String, _ url: String, json: JSONValue? = nil) async throws -> (Int, JSONValue) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        request.timeoutInterval = 10
        if let json {
            request.httpBody = Data(try JSONBody.encode(json))
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null)
    }

    /// Established TCP connections whose remote end is one of `ports`, from `/proc/net/tcp{,6}`:
    /// the OMC's connections to the NEs, whatever other tests do meanwhile.
    func establishedConnections(toPorts ports: Set<Int>) -> Int {
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "01", let remotePort = fields[2].split(separator: ":").last,
                      let port = Int(remotePort, radix: 16) else { continue }
                if ports.contains(port) { count += 1 }
            }
        }
        return count
    }
}
