/// The benchmarks against simulated NEs. They share one fleet: starting the NEs and registering
/// them is the slow part, and neither disturbs the other (the system-state benchmark clears its
/// faults, and the MML one talks to the first NE, which never hangs).
struct NEBenchmarks {
    let nesimPath: String?
    let neCount: Int
    let systemState: SystemStateBenchmark
    let mml: MMLRoundTripBenchmark

    func run() async -> [BenchmarkOutcome] {
        let fleet: SimulatedFleet
        do {
            fleet = try await SimulatedFleet.start(nesimPath: nesimPath, count: neCount)
        } catch {
            return [systemState.failure(error), mml.failure(error)]
        }
        report("-- system state of ALL")
        let state = await systemState.run(on: fleet)
        report("-- MML round trip")
        let roundTrip = await mml.run(on: fleet)
        await fleet.stop()
        return [state, roundTrip]
    }
}
