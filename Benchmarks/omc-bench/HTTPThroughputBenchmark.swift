/// Requests per second of a trivial plugin route through the whole OMC host, against the same
/// answer from a bare Hummingbird router, both in this process and loaded alike by `wrk`.
struct HTTPThroughputBenchmark {
    static let targetRatio = 0.5

    let threads: Int
    let connections: Int
    let duration: Duration
    let warmUp: Duration
    /// Each round measures both servers once; the first server alternates between rounds so that
    /// neither always runs on a hotter or cooler machine.
    let rounds: Int

    static let name = "Plugin route vs bare Hummingbird (OMC/bare)"
    static let goal = ">= \(Int(targetRatio * 100))%"

    func run() async -> BenchmarkOutcome {
        do {
            return try await measure()
        } catch {
            return BenchmarkOutcome(name: Self.name, target: Self.goal, error: error)
        }
    }

    private func measure() async throws -> BenchmarkOutcome {
        let wrk = try Wrk.locate(threads: threads, connections: connections)
        let directory = try TemporaryDirectory(prefix: "omc-bench-http")
        defer { directory.remove() }
        let bare = try await BareHummingbirdServer.start()
        let omc = try await InProcessOMC.start(dataDirectory: directory.file("data"))
        let figures: (bare: Double, omc: Double)
        do {
            figures = try await compare(wrk: wrk, bare: bare.url, omc: omc.baseURL + BenchPlugin.pingPath)
        } catch {
            try? await omc.stop()
            throw error
        }
        // Stopping the OMC also checks that it shuts down cleanly after the load.
        try await omc.stop()
        let ratio = figures.omc / figures.bare
        return BenchmarkOutcome(
            name: Self.name, target: Self.goal,
            measured: "\(Formatting.fixed(ratio * 100))% (OMC \(Formatting.grouped(Int(figures.omc))) "
                + "vs bare \(Formatting.grouped(Int(figures.bare))) req/s)",
            passed: ratio >= Self.targetRatio)
    }

    /// Mean requests per second of each server over the rounds.
    private func compare(wrk: Wrk, bare: String, omc: String) async throws -> (bare: Double, omc: Double) {
        report("  \(wrk.settings) -d\(Int(Formatting.seconds(duration)))s, \(rounds) round(s), on loopback")
        report("  bare: \(bare)\n  OMC:  \(omc)")
        _ = try await wrk.requestsPerSecond(bare, duration: warmUp)
        _ = try await wrk.requestsPerSecond(omc, duration: warmUp)
        var bareFigures: [Double] = []
        var omcFigures: [Double] = []
        for round in 1...max(rounds, 1) {
            let order = round % 2 == 1 ? [true, false] : [false, true]
            for isBare in order {
                let figure = try await wrk.requestsPerSecond(isBare ? bare : omc, duration: duration)
                if isBare { bareFigures.append(figure) } else { omcFigures.append(figure) }
                report("  round \(round) \(isBare ? "bare" : "OMC "): \(Formatting.grouped(Int(figure))) req/s")
            }
        }
        let mean = { (figures: [Double]) in figures.reduce(0, +) / Double(figures.count) }
        return (mean(bareFigures), mean(omcFigures))
    }
}
