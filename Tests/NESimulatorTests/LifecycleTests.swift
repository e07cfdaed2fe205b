import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SimulatorProcessSuites {
    /// Start-up output, configuration errors, signals, and many NEs in one process.
    @Suite("Process life cycle")
    struct LifecycleTests {
        @Test("prints one line per NE, then control, then ready; SIGTERM exits 0")
        func startAndStop() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "AMF:2,UDM:1"])
            let (status, stdout, stderr) = try await sim.stop()
            #expect(status == 0, "stderr: \(stderr)")
            let lines = stdout.split(separator: "\n").map(String.init)
            try #require(lines.count == 5)
            #expect(lines[0].hasPrefix("NE AMF/001 http://127.0.0.1:"))
            #expect(lines[1].hasPrefix("NE AMF/002 http://127.0.0.1:"))
            #expect(lines[2].hasPrefix("NE UDM/001 http://127.0.0.1:"))
            #expect(lines[3].hasPrefix("control http://127.0.0.1:"))
            #expect(lines[4] == "ready")
        }

        @Test("SIGINT also exits 0")
        func interrupt() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "N3IWF:1"])
            kill(sim.process.processIdentifier, SIGINT)
            #expect(try await sim.waitForExit().status == 0)
        }

        @Test("a bad configuration file exits 2 with file:line messages")
        func badFile() async throws {
            let yaml = """
                nes:
                  - type: UDM
                    id: "001"
                    prot: 8080
                  - type: UDM
                    id: "001"
                  - type: AMF
                    id: "002"
                    port: 70000
                """
            let sim = try SimulatorProcess(yaml: yaml)
            let (status, stdout, stderr) = try await sim.waitForExit()
            #expect(status == 2)
            #expect(stdout.isEmpty)
            #expect(stderr.contains("sim.yaml:4: unknown key 'prot'"), "stderr: \(stderr)")
            #expect(stderr.contains("sim.yaml:5: duplicate NE UDM/001 (first at line 2)"), "stderr: \(stderr)")
            #expect(stderr.contains("sim.yaml:9: port must be a whole number from 0 to 65535"), "stderr: \(stderr)")
        }

        @Test("YAML syntax errors, bad generator arguments and missing options exit 2")
        func otherUsageErrors() async throws {
            let syntax = try SimulatorProcess(yaml: "nes:\n  - type: [UDM\n")
            let syntaxResult = try await syntax.waitForExit()
            #expect(syntaxResult.status == 2)
            #expect(syntaxResult.stderr.contains("sim.yaml:"))
            for arguments in [["--generate", "AMF:x"], [], ["--generate", "AMF:1", "--omc", "ftp://x"], ["--bogus"],
                              ["--generate", "AMF:1", "--control-port", "99999"]] {
                let result = try await SimulatorProcess(arguments: arguments).waitForExit()
                #expect(result.status == 2, "arguments \(arguments): \(result.stderr)")
                #expect(!result.stderr.isEmpty)
            }
        }

        @Test("two hundred NEs in one process all answer")
        func manyNEs() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "AMF:200,UDM:2"])
            #expect(sim.neURLs.count == 202)
            #expect(Set(sim.neURLs.values.map(\.port)).count == 202)
            // Twenty requests in flight at a time: the simulator takes all 202 at once (checked with curl),
            // but swift-corelibs-foundation's URLSession can stall other tests' requests under that load.
            let targets = sim.neURLs.map { key, url in
                url.adding("/api/rest/systemManagement/v1/elementType/\(key.split(separator: "/")[0].lowercased())/objectType/systemState")
            }
            var answered = 0
            let session = sim.session
            for start in stride(from: 0, to: targets.count, by: 20) {
                let batch = targets[start..<min(start + 20, targets.count)]
                answered += try await withThrowingTaskGroup(of: Int.self) { group in
                    for url in batch { group.addTask { try await HTTPCall.send("GET", url, timeout: 30, session: session).status } }
                    var ok = 0
                    for try await status in group where status == 200 { ok += 1 }
                    return ok
                }
            }
            #expect(answered == 202)
            let state = try await sim.send("GET", try sim.url("AMF/200").adding("/api/rest/systemManagement/v1/elementType/amf/objectType/systemState"))
            let memory = try #require((state.json?["memUsage"] as? [String: Any])?["nfUsedMem"] as? Int)
            #expect(memory < 400_000, "resident memory \(memory) kB")
            let (status, _, _) = try await sim.stop()
            #expect(status == 0)
        }
    }
}
