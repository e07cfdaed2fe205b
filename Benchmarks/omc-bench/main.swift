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

report("== MML parser throughput")
do {
    outcomes.append(try MMLParserBenchmark(duration: options.mmlDuration).run())
} catch {
    outcomes.append(BenchmarkOutcome(name: "MML parser throughput (1 core)", target: ">= 1,000,000 cmd/s", error: error))
}

report("== Start-up and idle memory of the omc executable")
if let omcPath = options.omcPath {
    report("  executable: \(omcPath)")
    outcomes += await StartupBenchmark(omcPath: omcPath, runs: options.startupRuns, idle: options.idleDuration).run()
} else {
    let missing = BenchmarkError("no omc executable: pass --omc PATH or set OMC_BENCH_OMC (Benchmarks/run.sh does)")
    outcomes.append(BenchmarkOutcome(name: "Start-up to listening", target: "max < 1000 ms", error: missing))
    outcomes.append(BenchmarkOutcome(name: "Idle resident memory (VmRSS)", target: "< 60 MB", error: missing))
}

report("== HTTP throughput: plugin route through the OMC vs bare Hummingbird")
outcomes.append(await HTTPThroughputBenchmark(
    threads: options.wrkThreads, connections: options.wrkConnections, duration: options.wrkDuration,
    warmUp: options.wrkWarmUp, rounds: options.wrkRounds).run())

report("")
report(SummaryTable.render(outcomes))
exit(outcomes.contains(where: \.couldNotRun) ? 1 : 0)
