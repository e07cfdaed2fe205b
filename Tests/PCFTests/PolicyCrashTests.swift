import Foundation
import OMCTestSupport
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc` as a process, killed with SIGKILL while a UE policy change waits for the PCF: after a
/// restart, the OMC's copy and the NE agree, and the policies can be changed again.
@Suite(.serialized) struct PolicyCrashTests {
    static let configuration = """
        server:
          logLevel: warning
          neTimeoutMilliseconds: 4000
        plugins:
          - id: ne
          - id: pcf
            config: { neBulkTimeoutSeconds: 5 }
        """

    static let base = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"

    @Test(.timeLimit(.minutes(5)))
    func anAddKilledAtEitherStepIsSettledAtRestart() async throws {
        let simulator = try SimulatorProcess(generate: "PCF:1")
        defer { simulator.stop() }
        var omc = try OMCProcess(configuration: Self.configuration)
        let data = omc.dataDirectory
        let registered = try await omc.register("PCF/001", playedBy: simulator)
        #expect(registered["code"]?.intValue == 200, "\(registered)")
        // (the delay before the NE works on it, or the NE applying it at once and answering late) ×
        // (one policy, a batch of 5)
        var round = 0
        // Every process's log: a change is settled by whichever process finds it.
        var log = ""
        for count in [1, 5] {
            for step in ["delay", "late-answer"] {
                round += 1
                let first = "46009900000\(round)000"
                let label = "\(count == 1 ? "add" : "batch add") killed with the NE in '\(step)'"
                try await simulator.fault("PCF/001", step, delayMs: 3000)
                log += try await omc.killHard(after: .seconds(1), during: "POST", Self.base + (count == 1 ? "" : "/\(count)") + "?neId=001",
                                              PCFHarness.policy(imsi: first, msisdn: "86755\(round)000000"))
                try await simulator.fault("PCF/001", "none")
                // Restart once the change's deadline has passed (the start would wait for it
                // otherwise, inside the blocking OMCProcess init: other suites would stall).
                try await Task.sleep(for: .seconds(4))
                omc = try OMCProcess(configuration: Self.configuration, dataDirectory: data)

                let imsis = (0..<count).map { "46009900000\(round)00\($0)" }
                for imsi in imsis {
                    let onNE = try await Self.neHolds(simulator, imsi: imsi)
                    let inOMC = try await omc.json("GET", Self.base + "?neId=001&imsi=\(imsi)")["data"]?.arrayValue?.count == 1
                    #expect(onNE == inOMC, "\(label): \(imsi) on the NE: \(onNE), in the OMC: \(inOMC)")
                    if step == "late-answer" { #expect(onNE, "\(label): the NE applied the change before the kill") }
                    // It can be removed when it is there.
                    if onNE {
                        let removed = try await omc.json("DELETE", Self.base + "?neId=001&imsi=\(imsi)")
                        #expect(removed["code"]?.intValue == 200, "\(label): \(removed)")
                    }
                }
                // And added again.
                let again = try await omc.json("POST", Self.base + "?neId=001", PCFHarness.policy(imsi: first, msisdn: "86755\(round)000000"))
                #expect(again["code"]?.intValue == 200, "\(label): \(again)")
                #expect(try await Self.neHolds(simulator, imsi: first), "\(label)")
            }
        }
        log += omc.stop().log
        #expect(log.contains("settled with the NE"), "no settlement was logged")
    }

    /// Whether the NE holds the policy of `imsi`, asked behind the OMC's back.
    static func neHolds(_ simulator: SimulatorProcess, imsi: String) async throws -> Bool {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(simulator.port("PCF/001"))\(base)?imsi=\(imsi)")!)
        request.timeoutInterval = 30
        let (data, _) = try await URLSession.shared.data(for: request)
        return (try JSONDecoder().decode(JSONValue.self, from: data))["data"]?.arrayValue?.count == 1
    }
}
