import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SimulatorProcessSuites {
    /// Software packages and configuration backups as every simulated NE serves them, and the control
    /// API's maintenance switch.
    @Suite("Software and configuration maintenance")
    struct MaintenanceTests {
        static let software = "/api/rest/systemManagement/v1/elementType/amf/objectType/software"
        static let state = "/api/rest/systemManagement/v1/elementType/amf/objectType/systemState"

        @Test("a package is kept only when its SHA-256 matches; activation restarts the NE into it")
        func activation() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "AMF:1"])
            let amf = try sim.url("AMF/001")
            let switched = try await sim.send("PUT", sim.controlURL.adding("/control/ne/AMF/001/maintenance"), json: #"{"restartSeconds": 1}"#)
            #expect(switched.status == 200)
            let package = Data("package 2.0.0".utf8)
            // Not the package's SHA-256: the NE must refuse it and name the real one.
            let digest = String(repeating: "ab", count: 32)
            let damaged = try await sim.send("POST", amf.adding("\(Self.software)/2.0.0?sha256=\(digest)"), body: package)
            #expect(damaged.status == 422, "\(String(describing: damaged.json))")
            let real = (damaged.json?["msg"] as? String)?.split(separator: " ").dropFirst(7).first.map(String.init) ?? ""
            #expect(real.count == 65 && real.hasSuffix(","), "the refusal names the real SHA-256: \(real)")
            let kept = try await sim.send("POST", amf.adding("\(Self.software)/2.0.0?sha256=\(real.dropLast())"), body: package)
            #expect(kept.status == 200)

            let activated = try await sim.send("PUT", amf.adding("\(Self.software)/2.0.0"))
            #expect(activated.status == 200)
            let deadline = Date().addingTimeInterval(20)
            var version: String?
            while Date() < deadline {
                version = (try? await sim.send("GET", amf.adding(Self.state), timeout: 2))?.json?["version"] as? String
                if version == "2.0.0" { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(version == "2.0.0")
            let held = try await sim.send("GET", amf.adding(Self.software))
            let data = try #require(held.json?["data"] as? [String: Any])
            #expect(data["runningVersion"] as? String == "2.0.0" && data["previousVersion"] as? String == "1.0.0")
            try await sim.stop()
        }

        @Test("bad maintenance switches are refused with 400 and a reason")
        func validation() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "AMF:1"])
            for body in [#"{"failAt": ["explode"]}"#, #"{"failAt": [1]}"#, #"{"restartSeconds": -1}"#, #"{"other": 1}"#, "[1]", ""] {
                let answer = try await sim.send("PUT", sim.controlURL.adding("/control/ne/AMF/001/maintenance"), json: body)
                #expect(answer.status == 400, "body \(body)")
                #expect((answer.json?["msg"] as? String)?.isEmpty == false)
            }
            let set = try await sim.send("PUT", sim.controlURL.adding("/control/ne/AMF/001/maintenance"), json: #"{"failAt": ["boot", "restore"]}"#)
            #expect((set.json?["data"] as? [String: Any])?["failAt"] as? [String] == ["boot", "restore"])
            try await sim.stop()
        }
    }
}
