import Foundation
import OMCTestSupport
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc` as a process, killed with SIGKILL while a single change waits for the UDM: after a restart,
/// the OMC's copy and the NE agree on the record, and the record can be changed again.
@Suite(.serialized) struct SingleChangeCrashTests {
    static let configuration = """
        server:
          logLevel: warning
          neTimeoutMilliseconds: 4000
        plugins:
          - id: ne
          - id: udm
        """

    /// The two moments of a kill: the NE works on the change only after the OMC died (`delay`:
    /// the journal row is committed, the NE has not answered), or the NE applied the change at once
    /// and its answer never arrived (`late-answer`: the OMC did not record it).
    static let steps = ["delay", "late-answer"]

    @Test(.timeLimit(.minutes(5)))
    func aSingleChangeKilledAtEitherStepIsSettledAtRestart() async throws {
        let simulator = try SimulatorProcess(generate: "UDM:1")
        defer { simulator.stop() }
        var omc = try OMCProcess(configuration: Self.configuration)
        let data = omc.dataDirectory
        let registered = try await omc.register("UDM/001", playedBy: simulator)
        #expect(registered["code"]?.intValue == 200, "\(registered)")
        var round = 0
        // Every process's log: a change is settled by whichever process finds it.
        var log = ""
        for (kind, operation) in [("sub", "add"), ("auth", "add"), ("sub", "delete")] {
            for step in Self.steps {
                round += 1
                let imsi = "4600090000000\(round < 10 ? "0" : "")\(round)"
                let label = "\(operation) \(kind) killed with the NE in '\(step)'"
                if operation == "delete" {
                    let added = try await omc.json("POST", "/ne/udm/\(kind)/001", Self.body(kind, imsi: imsi))
                    #expect(added["code"]?.intValue == 200, "\(label): \(added)")
                }
                try await simulator.fault("UDM/001", step, delayMs: 3000)
                if operation == "delete" {
                    log += try await omc.killHard(after: .seconds(1), during: "DELETE", "/ne/udm/\(kind)/001/\(imsi)")
                } else {
                    log += try await omc.killHard(after: .seconds(1), during: "POST", "/ne/udm/\(kind)/001", Self.body(kind, imsi: imsi))
                }
                try await simulator.fault("UDM/001", "none")
                // Restart once the change's deadline has passed (the start would wait for it
                // otherwise, inside the blocking OMCProcess init: other suites would stall).
                try await Task.sleep(for: .seconds(4))
                omc = try OMCProcess(configuration: Self.configuration, dataDirectory: data)

                let onNE = try await Self.neHolds(simulator, kind, imsi: imsi)
                let inOMC = try await omc.request("GET", "/ne/udm/\(kind)/001/\(imsi)").status == 200
                #expect(onNE == inOMC, "\(label): the NE holds it: \(onNE), the OMC: \(inOMC)")
                if step == "late-answer" {
                    #expect(onNE == (operation == "add"), "\(label): the NE applied the change before the kill")
                }
                // And the record can be changed again, on both sides: removed when it is there, added.
                if onNE {
                    let removed = try await omc.json("DELETE", "/ne/udm/\(kind)/001/\(imsi)")
                    #expect(removed["code"]?.intValue == 200, "\(label): \(removed)")
                    #expect(try await Self.neHolds(simulator, kind, imsi: imsi) == false, "\(label)")
                }
                let added = try await omc.json("POST", "/ne/udm/\(kind)/001", Self.body(kind, imsi: imsi))
                #expect(added["code"]?.intValue == 200, "\(label): \(added)")
                #expect(try await Self.neHolds(simulator, kind, imsi: imsi), "\(label)")
            }
        }
        log += omc.stop().log
        #expect(log.contains("settled with the NE"), "no settlement was logged")
    }

    static func body(_ kind: String, imsi: String) -> JSONValue {
        kind == "auth" ? UDMHarness.authentication(imsi: imsi) : UDMHarness.subscription(imsi: imsi, msisdn: "86" + imsi.suffix(11))
    }

    /// Whether the NE holds `kind`'s record of `imsi`, asked behind the OMC's back.
    static func neHolds(_ simulator: SimulatorProcess, _ kind: String, imsi: String) async throws -> Bool {
        let port = simulator.port("UDM/001")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/rest/ueManagement/v1/elementType/udm/objectType/\(kind)/\(imsi)")!)
        request.timeoutInterval = 30
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode == 200
    }
}
