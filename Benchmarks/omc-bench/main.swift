import Foundation
import OMCHost

// omc-bench: measures the OMC against its performance targets and prints PASS/FAIL for each.
// Exits non-zero only when a benchmark could not run; a missed target is a FAIL in the table.

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(64)
}
// The in-process OMC logs as `omc serve` does: swift-log lines on standard error.
Launcher.bootstrapLogging()

var outcomes: [BenchmarkOutcome] = []

if options.includes("mml") {
    report("== MML parser throughput")
    outcomes.append(MMLParserBenchmark(duration: options.mmlDuration).run())
}

if options.includes("startup") {
    report("== Start-up and idle memory of the omc executable")
    outcomes += await StartupBenchmark(omcPath: options.omcPath, runs: options.startupRuns, idle: options.idleDuration).run()
}

if options.includes("http") {
    report("== HTTP throughput: plugin route through the OMC vs bare Hummingbird")
    outcomes.append(await HTTPThroughputBenchmark(
        threads: options.wrkThreads, connections: options.wrkConnections, duration: options.wrkDuration,
        warmUp: options.wrkWarmUp, rounds: options.wrkRounds).run())
}

if options.includes("security") {
    report("== Security: login latency, authenticated route vs the same route without identity")
    outcomes += await SecurityBenchmark(
        threads: options.wrkThreads, connections: options.wrkConnections, duration: options.wrkDuration,
        warmUp: options.wrkWarmUp, rounds: options.wrkRounds, logins: options.logins).run()
}

if options.includes("ne") {
    report("== Simulated NEs: system state of ALL with hanging NEs, MML round trip")
    outcomes += await NEBenchmarks(
        nesimPath: options.nesimPath, neCount: options.neCount,
        systemState: SystemStateBenchmark(neCount: options.neCount, hanging: options.hanging, runs: options.stateRuns),
        mml: MMLRoundTripBenchmark(threads: options.wrkThreads, clients: options.mmlClients, duration: options.wrkDuration,
                                   warmUp: options.wrkWarmUp)).run()
}

report("")
report(SummaryTable.render(outcomes))
exit(outcomes.contains(where: \.couldNotRun) ? 1 : 0)
