import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PluginAPI

/// MML commands sent to the OMC, forwarded to a simulated NE and answered back, under `wrk` load
/// from a few concurrent clients: what one command costs when the OMC relays it. No target is set
/// for it; the figure passes when every request and every command in it succeeded.
struct MMLRoundTripBenchmark {
    /// `date` is not declared by ``BenchAMFPlugin``, so the OMC forwards it to the NE.
    static let command = "date"
    static let goal = "none (report; no errors)"

    let threads: Int
    let clients: Int
    let duration: Duration
    let warmUp: Duration

    var name: String { "MML round trip OMC -> NE -> OMC (\(clients) clients)" }

    func failure(_ error: any Error) -> BenchmarkOutcome {
        BenchmarkOutcome(name: name, target: Self.goal, error: error)
    }

    func run(on fleet: SimulatedFleet) async -> BenchmarkOutcome {
        do {
            return try await measure(fleet)
        } catch {
            return failure(error)
        }
    }

    private func measure(_ fleet: SimulatedFleet) async throws -> BenchmarkOutcome {
        guard let element = fleet.simulator.elements.first else { throw BenchmarkError("the simulator plays no NE") }
        let url = fleet.omc.baseURL
            + "/api/rest/opeartionManagement/v1/elementType/\(element.type.lowercased())/objectType/mml?ne_id=\(element.id)"
        try await checkOneCommand(url, element: element)

        let wrk = try Wrk.locate(threads: threads, connections: clients)
        let directory = try TemporaryDirectory(prefix: "omc-bench-mml")
        defer { directory.remove() }
        let script = directory.file("mml.lua")
        try Self.luaScript.write(toFile: script, atomically: true, encoding: .utf8)

        report("  \(wrk.settings) -d\(Int(Formatting.seconds(duration)))s -s mml.lua: POST {\"mml\":[\"\(Self.command)\"]} to \(url)")
        _ = try await wrk.measure(url, duration: warmUp, script: script)
        // wrk only sees HTTP statuses; a command the NE failed still answers HTTP 200, so the
        // OMC's own MML counters tell whether every command in the measured run succeeded.
        let before = try await mmlCounters(fleet.omc)
        let measurement = try await wrk.measure(url, duration: duration, script: script)
        let after = try await mmlCounters(fleet.omc)
        let succeeded = after.succeeded - before.succeeded
        let failed = after.failed - before.failed
        report("  \(Formatting.grouped(measurement.requests)) requests; the OMC counted \(Formatting.grouped(succeeded)) "
            + "commands succeeded, \(Formatting.grouped(failed)) failed")

        let problems = [measurement.nonSuccess, measurement.socketErrors,
                        failed > 0 ? "\(Formatting.grouped(failed)) commands failed" : nil,
                        succeeded < measurement.requests ? "only \(succeeded) of \(measurement.requests) commands succeeded" : nil]
            .compactMap { $0 }
        return BenchmarkOutcome(
            name: name, target: Self.goal,
            measured: "\(Formatting.grouped(Int(measurement.requestsPerSecond))) cmd/s"
                + (problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")"),
            passed: problems.isEmpty)
    }

    /// Each request POSTs the same one-command body; kept tiny so that wrk's Lua costs nothing per request.
    static let luaScript = """
        wrk.method = "POST"
        wrk.body = '{"mml":["\(command)"]}'
        wrk.headers["Content-Type"] = "application/json"

        """

    /// One request by hand before the load, so that a broken forward is an error with a reason
    /// rather than a fast stream of failures.
    private func checkOneCommand(_ url: String, element: NESimulatorProcess.Element) async throws {
        let answer = try await JSONHTTP.send("POST", url, json: ["mml": [.string(Self.command)]])
        guard answer.status == 200, let result = answer.body["data"]?[0], result["code"]?.intValue == 200 else {
            throw BenchmarkError("MML '\(Self.command)' for \(element.key) answered HTTP \(answer.status): "
                + String(String(describing: answer.body).prefix(300)))
        }
        report("  one command by hand: \(element.key) answered '\(result["output"]?.stringValue ?? "")' "
            + "in \(Int(Formatting.milliseconds(answer.elapsed).rounded())) ms")
    }

    /// `omc_mml_commands_total` from the OMC's Prometheus endpoint.
    private func mmlCounters(_ omc: InProcessOMC) async throws -> (succeeded: Int, failed: Int) {
        guard let address = URL(string: omc.baseURL + "/metrics") else { throw BenchmarkError("bad metrics URL") }
        let (data, _) = try await URLSession.shared.data(from: address)
        let text = String(decoding: data, as: UTF8.self)
        func counter(_ result: String) throws -> Int {
            let prefix = "omc_mml_commands_total{result=\"\(result)\"} "
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
                  let value = Double(line.dropFirst(prefix.count)) else {
                throw BenchmarkError("no \(prefix.trimmingCharacters(in: .whitespaces)) in the OMC's /metrics")
            }
            return Int(value)
        }
        return (try counter("success"), try counter("failure"))
    }
}
