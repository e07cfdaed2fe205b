import Foundation
import OMCTestSupport
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// UDM batches as long operations, with `omc` and `omc-nesim` as processes: a 100,000-record batch
/// add answered at once, its progress visible part by part, cancelled with nothing left on either
/// side; killed with SIGKILL, found `interrupted` after a restart and settled as before; and a
/// synchronous batch add recording its operation.
@Suite(.serialized) struct LongOperationProcessTests {
    static let configuration = CrashSafetyTests.configuration
    /// Each staged part waits this long at the NE, so that a 100,000-record batch (10 parts) is
    /// under way for seconds on any machine.
    static let partDelayMs = 600

    static func batchBody(prefix: String, msisdnPrefix: String) throws -> Data {
        Data(try JSONBody.encode([
            "imsi": .string(prefix), "msisdn": .string(msisdnPrefix), "ambr": "def_ambr", "nssai": "def_nssai", "smData": "internet",
        ] as JSONValue))
    }

    /// Starts a batch add of `count` records with `Prefer: respond-async`; returns the answer's status and operation id.
    static func startAsync(_ omc: OMCProcess, count: Int, prefix: String) async throws -> (Int, String) {
        let answer = try await omc.request("POST", "/ne/udm/sub/001/\(count)", body: try batchBody(prefix: prefix, msisdnPrefix: "8613900000000"),
                                           headers: ["Content-Type": "application/json", "Prefer": "respond-async"])
        let json = try JSONDecoder().decode(JSONValue.self, from: answer.body)
        return (answer.status, json["data"]?["operationId"]?.stringValue ?? "")
    }

    /// Polls operation `id` until `done` holds, for at most `seconds`.
    static func waitFor(_ omc: OMCProcess, _ id: String, seconds: Int = 90, until done: (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last = JSONValue.null
        while ContinuousClock.now < deadline {
            last = try await omc.json("GET", "/monitor/operation/\(id)")["data"] ?? .null
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("operation \(id) never reached the expected state; last seen \(last)")
        return last
    }

    /// Whether `operation` is sending its parts, part of the way through.
    static func midway(_ operation: JSONValue) -> Bool {
        let done = operation["done"]?.intValue ?? 0
        return operation["phase"]?.stringValue?.hasPrefix("sending to NE") == true && done > 0 && done < (operation["total"]?.intValue ?? 0)
    }

    @Test(.timeLimit(.minutes(4)))
    func aHundredThousandBatchAnswersAtOnceShowsProgressAndCancelsOnBothSides() async throws {
        let simulator = try SimulatorProcess(generate: "UDM:1")
        defer { simulator.stop() }
        let omc = try OMCProcess(configuration: Self.configuration)
        defer { _ = omc.stop() }
        #expect(try await omc.register("UDM/001", playedBy: simulator)["code"]?.intValue == 200)

        // The document's synchronous answer stays, and its operation is recorded.
        let sync = try await omc.request("POST", "/ne/udm/sub/001/100", body: try Self.batchBody(prefix: "460990000000000", msisdnPrefix: "8613800000000"),
                                         headers: ["Content-Type": "application/json"])
        let syncAnswer = try JSONDecoder().decode(JSONValue.self, from: sync.body)
        #expect(sync.status == 200 && syncAnswer["data"]?.intValue == 100, "\(syncAnswer)")
        let syncID = try #require(sync.headers["x-operation-id"])
        let recorded = try await omc.json("GET", "/monitor/operation/\(syncID)")["data"]
        #expect(recorded?["state"]?.stringValue == "succeeded" && recorded?["result"]?.intValue == 100, "\(String(describing: recorded))")
        #expect(recorded?["kind"]?.stringValue == "udm.sub.batchAdd")

        try await simulator.fault("UDM/001", "delay", delayMs: Self.partDelayMs)
        let started = ContinuousClock.now
        let (status, id) = try await Self.startAsync(omc, count: 100_000, prefix: "460010000000000")
        #expect(status == 202 && !id.isEmpty)
        #expect(ContinuousClock.now - started < .seconds(Self.partDelayMs / 1000 + 5), "the 202 must not wait for the NE")

        let midway = try await Self.waitFor(omc, id, until: Self.midway)
        #expect(Self.midway(midway), "\(midway)")
        let listed = try await omc.json("GET", "/ne/udm/sub/batch/list")["rows"]?[0]
        #expect(listed?["operationId"]?.stringValue == id)
        #expect((listed?["done"]?.intValue ?? 0) > 0, "batch/list shows the batch's progress: \(String(describing: listed))")

        let cancel = try await omc.json("PUT", "/monitor/operation/cancel/\(id)")
        #expect(cancel["code"]?.intValue == 200, "\(cancel)")
        let ended = try await Self.waitFor(omc, id) { $0["state"]?.stringValue != "running" }
        #expect(ended["state"]?.stringValue == "cancelled", "\(ended)")

        try await simulator.fault("UDM/001", "none")
        let held = try await omc.json("GET", "/ne/udm/sub/list?neId=001")["total"]?.intValue
        let (neStatus, neHeld) = try await CrashSafetyTests.neDump(simulator)
        #expect(held == 100 && neStatus == 200 && neHeld == 100, "after the cancel the OMC holds \(String(describing: held)), the NE \(neHeld)")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: omc.dataDirectory.path + "/udm/batches")) ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test(.timeLimit(.minutes(4)))
    func aBatchKilledMidwayIsInterruptedAndSettledAfterRestart() async throws {
        let simulator = try SimulatorProcess(generate: "UDM:1")
        defer { simulator.stop() }
        var omc = try OMCProcess(configuration: Self.configuration)
        let data = omc.dataDirectory
        #expect(try await omc.register("UDM/001", playedBy: simulator)["code"]?.intValue == 200)
        try await simulator.fault("UDM/001", "delay", delayMs: Self.partDelayMs)
        let (status, id) = try await Self.startAsync(omc, count: 100_000, prefix: "460020000000000")
        #expect(status == 202)
        // Early enough that the parts still to send outlast the wait below: the kill lands before the commit.
        let midway = try await Self.waitFor(omc, id) { Self.midway($0) && ($0["done"]?.intValue ?? 0) <= 50_000 }
        // The progress is written at most once a second: give the last write time to land.
        try await Task.sleep(for: .milliseconds(1500))
        omc.killHard()
        try await simulator.fault("UDM/001", "none")

        omc = try OMCProcess(configuration: Self.configuration, dataDirectory: data)
        defer { _ = omc.stop() }
        let settled = try await Self.waitFor(omc, id) { $0["settlement"]?.stringValue != nil }
        #expect(settled["state"]?.stringValue == "interrupted", "\(settled)")
        #expect((settled["done"]?.intValue ?? 0) >= (midway["done"]?.intValue ?? 1), "the progress last written survives: \(settled)")
        #expect(settled["message"]?.stringValue?.contains("the OMC stopped while this operation ran") == true, "\(settled)")
        #expect(settled["settlement"]?.stringValue?.contains("the NE had not applied it; dropped on both sides") == true, "\(settled)")
        let held = try await omc.json("GET", "/ne/udm/sub/list?neId=001")["total"]?.intValue
        let (_, neHeld) = try await CrashSafetyTests.neDump(simulator)
        #expect(held == 0 && neHeld == 0, "the OMC holds \(String(describing: held)), the NE \(neHeld)")
        let interrupted = try await omc.json("GET", "/monitor/operation/list?state=interrupted&kind=udm.sub.batchAdd")
        #expect(interrupted["total"]?.intValue == 1 && interrupted["rows"]?[0]?["operationId"]?.stringValue == id)
    }
}
