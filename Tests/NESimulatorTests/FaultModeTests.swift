import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SimulatorProcessSuites {
    /// Every fault mode, switched at run time through the control API.
    @Suite("Fault modes")
    struct FaultModeTests {
        static let state = "/api/rest/systemManagement/v1/elementType/pcf/objectType/systemState"

        static func setFault(_ sim: SimulatorProcess, _ body: String) async throws -> HTTPCall.Answer {
            try await sim.send("PUT", sim.controlURL.adding("/control/ne/PCF/001/fault"), json: body)
        }

        /// Whether a GET fails because nothing listens.
        static func isRefused(_ sim: SimulatorProcess, _ url: URL) async -> Bool {
            do {
                _ = try await sim.send("GET", url.adding(state), timeout: 3)
                return false
            } catch let error as URLError {
                return error.code == .cannotConnectToHost
            } catch {
                return false
            }
        }

        @Test("refuse closes the port; none reopens the same port")
        func refuse() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "PCF:1"])
            let pcf = try sim.url("PCF/001")
            #expect(try await sim.send("GET", pcf.adding(Self.state)).status == 200)

            let refused = try await Self.setFault(sim, #"{"mode": "refuse"}"#)
            #expect(refused.status == 200)
            #expect((refused.json?["data"] as? [String: Any])?["listening"] as? Bool == false)
            #expect(await Self.isRefused(sim, pcf))

            let restored = try await Self.setFault(sim, #"{"mode": "none"}"#)
            let status = try #require(restored.json?["data"] as? [String: Any])
            #expect(status["listening"] as? Bool == true)
            #expect(status["port"] as? Int == pcf.port)
            let again = try await sim.send("GET", pcf.adding(Self.state))
            #expect(again.status == 200)
            #expect(again.json?["port"] as? Int == pcf.port)
            try await sim.stop()
        }

        @Test("delay holds every answer for delayMs")
        func delay() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "PCF:1"])
            let pcf = try sim.url("PCF/001")
            #expect(try await Self.setFault(sim, #"{"mode": "delay", "delayMs": 800}"#).status == 200)
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await sim.send("GET", pcf.adding(Self.state))
            #expect(answer.status == 200)
            #expect(clock.now - start >= .milliseconds(800))
            let missing = try await sim.send("GET", pcf.adding("/no/such/path"))
            #expect(missing.status == 404)
            #expect(clock.now - start >= .milliseconds(1600))
            try await sim.stop()
        }

        @Test("malformed answers 200 application/json that is not JSON")
        func malformed() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "PCF:1"])
            let pcf = try sim.url("PCF/001")
            #expect(try await Self.setFault(sim, #"{"mode": "malformed"}"#).status == 200)
            let answer = try await sim.send("GET", pcf.adding(Self.state))
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == "application/json")
            #expect(!answer.body.isEmpty)
            #expect((try? JSONSerialization.jsonObject(with: answer.body)) == nil)
            #expect(try await Self.setFault(sim, #"{"mode": "none"}"#).status == 200)
            #expect(try await sim.send("GET", pcf.adding(Self.state)).json != nil)
            try await sim.stop()
        }

        @Test("close cuts the connection in the middle of an answer")
        func close() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "PCF:1"])
            let pcf = try sim.url("PCF/001")
            #expect(try await Self.setFault(sim, #"{"mode": "close"}"#).status == 200)
            await #expect(throws: (any Error).self) {
                _ = try await sim.send("GET", pcf.adding(Self.state), timeout: 5)
            }
            // The raw bytes: a 200 head announcing more than what arrives before the end of the stream.
            let raw = try RawHTTP.get(port: pcf.port ?? 0, path: Self.state)
            #expect(raw.hasPrefix("HTTP/1.1 200"))
            #expect(raw.lowercased().contains("content-length: 4096"))
            let body = raw.components(separatedBy: "\r\n\r\n").dropFirst().joined()
            #expect(!body.isEmpty && body.utf8.count < 4096)
            try await sim.stop()
        }

        @Test("flap alternates refusing and answering")
        func flap() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "PCF:1"])
            let pcf = try sim.url("PCF/001")
            let flapping = try await Self.setFault(sim, #"{"mode": "flap", "flapSeconds": 0.4}"#)
            #expect(flapping.status == 200)
            #expect((flapping.json?["data"] as? [String: Any])?["listening"] as? Bool == false)
            var refusals = 0, answers = 0
            let deadline = Date().addingTimeInterval(6)
            while Date() < deadline, refusals < 2 || answers < 2 {
                if await Self.isRefused(sim, pcf) { refusals += 1 } else { answers += 1 }
                try await Task.sleep(for: .milliseconds(90))
            }
            #expect(refusals >= 2)
            #expect(answers >= 2)
            let restored = try await Self.setFault(sim, #"{"mode": "none"}"#)
            #expect((restored.json?["data"] as? [String: Any])?["listening"] as? Bool == true)
            #expect(try await sim.send("GET", pcf.adding(Self.state)).status == 200)
            try await sim.stop()
        }

        @Test("bad fault requests are refused with 400 and a reason")
        func validation() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "PCF:1"])
            for body in [#"{"mode": "explode"}"#, #"{"delayMs": 5}"#, #"{"mode": "delay", "delayMs": -1}"#,
                         #"{"mode": "delay", "delayMs": 1e300}"#, #"{"mode": "flap", "flapSeconds": 0}"#,
                         #"{"mode": "none", "extra": 1}"#, "[1, 2]", "not json", ""] {
                let answer = try await Self.setFault(sim, body)
                #expect(answer.status == 400, "body \(body)")
                #expect((answer.json?["msg"] as? String)?.isEmpty == false)
            }
            let unknown = try await sim.send("PUT", sim.controlURL.adding("/control/ne/PCF/999/fault"), json: #"{"mode": "none"}"#)
            #expect(unknown.status == 404)
            let list = try await sim.send("GET", sim.controlURL.adding("/control/ne"))
            let entries = try #require(list.json?["data"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["type"] as? String == "PCF")
            #expect((entries.first?["fault"] as? [String: Any])?["mode"] as? String == "none")
            #expect(entries.first?["listening"] as? Bool == true)
            try await sim.stop()
        }
    }
}
