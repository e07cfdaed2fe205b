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

if options.runs("mml") {
    report("== MML parser throughput")
    outcomes.append(MMLParserBenchmark(duration: options.mmlDuration).run())
}

if options.runs("startup") {
    report("== Start-up and idle memory of the omc executable")
    outcomes += await StartupBenchmark(omcPath: options.omcPath, runs: options.startupRuns, idle: options.idleDuration).run()
}

if options.runs("http") {
    report("== HTTP throughput: plugin route through the OMC vs bare Hummingbird")
    outcomes.append(await HTTPThroughputBenchmark(
        threads: options.wrkThreads, connections: options.wrkConnections, duration: options.wrkDuration,
        warmUp: options.wrkWarmUp, rounds: options.wrkRounds).run())
}

if options.runs("security") {
    report("== Security: login latency, authenticated route vs the same route without identity")
    outcomes += await SecurityBenchmark(
        threads: options.wrkThreads, connections: options.wrkConnections, duration: options.wrkDuration,
        warmUp: options.wrkWarmUp, rounds: options.wrkRounds, logins: options.logins).run()
}

if options.runs("ne") {
    report("== Simulated NEs: system state of ALL with hanging NEs, MML round trip")
    outcomes += await NEBenchmarks(
        nesimPath: options.nesimPath, neCount: options.neCount,
        systemState: SystemStateBenchmark(neCount: options.neCount, hanging: options.hanging, runs: options.stateRuns),
        mml: MMLRoundTripBenchmark(threads: options.wrkThreads, clients: options.mmlClients, duration: options.wrkDuration,
                                   warmUp: options.wrkWarmUp)).run()
}

if options.runs("capture") {
    report("== Capture download: a large pcap from a simulated UPF through omc serve")
    outcomes += await CaptureDownloadBenchmark(omcPath: options.omcPath, nesimPath: options.nesimPath,
                                               megabytes: options.captureMegabytes, runs: options.captureRuns).run()
}

if options.runs("udm") {
    report("== UDM plugin at carrier scale (omc and omc-nesim as processes)")
    outcomes += await UDMBenchmark(omcPath: options.omcPath, nesimPath: options.nesimPath, threads: options.wrkThreads,
                                   duration: options.wrkDuration, importLines: options.udmImportLines).run()
}

if options.runs("pcf") {
    report("== PCF plugin: batch add, reads by IMSI, xlsx export and import (omc and omc-nesim as processes)")
    outcomes += await PCFBenchmark(omcPath: options.omcPath, nesimPath: options.nesimPath, threads: options.wrkThreads,
                                   duration: options.wrkDuration).run()
}

if options.runs("fuzz") {
    report("== Fuzzing: generated inputs through the MML parser, every route's JSON body and the upload parsers")
    outcomes.append(await FuzzRun(inputs: options.fuzzInputs, seed: options.fuzzSeed, nesimPath: options.nesimPath).run())
}

report("")
report(SummaryTable.render(outcomes))
exit(outcomes.contains(where: \.couldNotRun) ? 1 : 0)
