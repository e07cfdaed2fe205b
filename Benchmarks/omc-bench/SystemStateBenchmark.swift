import PluginAPI

/// `GET …/elementType/ALL/objectType/systemState` while some NEs hang. The OMC asks every NE at
/// once and cuts each off at the NE timeout, so the answer must come within that timeout plus a
/// small margin, however many NEs hang. Runs without hanging NEs are timed too, for comparison.
struct SystemStateBenchmark {
    static let margin = Duration.milliseconds(200)
    static let target = SimulatedFleet.neTimeout + margin
    /// Far longer than the NE timeout: the OMC must give up on a hanging NE, never wait for its answer.
    static let hangMilliseconds = 30_000
    static let path = "/api/rest/systemManagement/v1/elementType/ALL/objectType/systemState"

    let neCount: Int
    /// How many NEs hang; the last ones, so that the first NE (the MML benchmark's) stays healthy.
    let hanging: Int
    /// Timed requests with the NEs hanging, and again without.
    let runs: Int

    var name: String { "System state ALL (\(neCount) NEs, \(hanging) hanging)" }
    static let goal = "max <= \(Int(Formatting.milliseconds(target))) ms "
        + "(NE timeout \(Int(Formatting.milliseconds(SimulatedFleet.neTimeout))) + \(Int(Formatting.milliseconds(margin))))"

    func failure(_ error: any Error) -> BenchmarkOutcome {
        BenchmarkOutcome(name: name, target: Self.goal, error: error)
    }

    func run(on fleet: SimulatedFleet) async -> BenchmarkOutcome {
        let hangingElements = Array(fleet.simulator.elements.suffix(hanging))
        do {
            return try await measure(fleet, hangingElements: hangingElements)
        } catch {
            // Best effort: leave no NE hanging for the benchmarks that follow.
            for element in hangingElements { try? await fleet.simulator.setFault(element, mode: "none") }
            return failure(error)
        }
    }

    private func measure(_ fleet: SimulatedFleet, hangingElements: [NESimulatorProcess.Element]) async throws -> BenchmarkOutcome {
        let url = fleet.omc.baseURL + Self.path
        let everyKey = Set(fleet.simulator.elements.map(\.key))
        let hangingKeys = Set(hangingElements.map(\.key))

        // The first request opens a connection to every NE; the timed ones find them pooled, as
        // they would be on an OMC that has been running for a while.
        let first = try await systemState(url, expecting: everyKey, failing: [])
        report("  first request (opens a connection to each NE): \(Self.milliseconds(first)) ms")

        for element in hangingElements {
            try await fleet.simulator.setFault(element, mode: "delay", delayMs: Self.hangMilliseconds)
        }
        report("  \(hangingElements.count) NEs delay every answer by \(Self.hangMilliseconds) ms "
            + "(\(hangingElements.first?.key ?? "-") … \(hangingElements.last?.key ?? "-"))")
        var withHanging: [Duration] = []
        for run in 1...max(runs, 1) {
            let elapsed = try await systemState(url, expecting: everyKey, failing: hangingKeys)
            withHanging.append(elapsed)
            report("  run \(run) with \(hangingElements.count) hanging: \(Self.milliseconds(elapsed)) ms")
        }

        for element in hangingElements { try await fleet.simulator.setFault(element, mode: "none") }
        var healthy: [Duration] = []
        for run in 1...max(runs, 1) {
            let elapsed = try await systemState(url, expecting: everyKey, failing: [])
            healthy.append(elapsed)
            report("  run \(run) with none hanging: \(Self.milliseconds(elapsed)) ms")
        }

        let worst = withHanging.max() ?? .zero
        return BenchmarkOutcome(
            name: name, target: Self.goal,
            measured: "median \(Self.milliseconds(Self.median(withHanging))) ms, max \(Self.milliseconds(worst)) ms "
                + "(\(withHanging.count) runs); none hanging: median \(Self.milliseconds(Self.median(healthy))) ms",
            passed: worst <= Self.target)
    }

    /// One timed request. The answer must list every NE in `expecting` once, those in `failing`
    /// with an `error` and the others with their `systemState`: an early answer that left NEs out
    /// would be fast for the wrong reason.
    private func systemState(_ url: String, expecting: Set<String>, failing: Set<String>) async throws -> Duration {
        let answer = try await JSONHTTP.send("GET", url)
        guard answer.status == 200, let entries = answer.body["data"]?.arrayValue else {
            throw BenchmarkError("GET \(Self.path) answered HTTP \(answer.status): \(String(describing: answer.body).prefix(300))")
        }
        var answered: Set<String> = []
        var failed: Set<String> = []
        for entry in entries {
            guard case .object(let members) = entry, members.count == 1, let member = members.first else {
                throw BenchmarkError("an entry of the answer is not {\"TYPE/ID\": {…}}: \(entry)")
            }
            let (key, state) = (member.key, member.value)
            guard expecting.contains(key), !answered.contains(key), !failed.contains(key) else {
                throw BenchmarkError("the answer lists \(key) unexpectedly or twice")
            }
            if state["systemState"] != nil {
                answered.insert(key)
            } else if state["error"] != nil {
                failed.insert(key)
            } else {
                throw BenchmarkError("\(key) has neither systemState nor error: \(state)")
            }
        }
        guard entries.count == expecting.count, failed == failing else {
            throw BenchmarkError("expected \(expecting.count) entries, \(expecting.count - failing.count) with systemState and "
                + "\(failing.count) with error (the hanging NEs); got \(entries.count): \(answered.count) with systemState, "
                + "\(failed.count) with error" + (failed.subtracting(failing).first.map { ", e.g. \($0) failed" } ?? ""))
        }
        return answer.elapsed
    }

    private static func median(_ durations: [Duration]) -> Duration {
        let sorted = durations.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(Formatting.milliseconds(duration).rounded())
    }
}
