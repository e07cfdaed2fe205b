import Foundation

/// Command-line settings. Defaults give a run of about a minute on two cores.
struct BenchmarkOptions: Sendable {
    static let usage = """
        usage: omc-bench [--omc PATH] [--startup-runs N] [--mml-seconds S] [--idle-seconds S]
                         [--wrk-threads N] [--wrk-connections N] [--wrk-seconds S] [--wrk-rounds N]

          --omc PATH   the release-built omc executable (default: $OMC_BENCH_OMC)
        """

    /// The `omc` executable for the start-up and memory benchmarks.
    var omcPath = ProcessInfo.processInfo.environment["OMC_BENCH_OMC"]
    var startupRuns = 5
    var mmlDuration = Duration.seconds(1.5)
    var idleDuration = Duration.seconds(2)
    var wrkThreads = 2
    var wrkConnections = 32
    var wrkDuration = Duration.seconds(8)
    var wrkWarmUp = Duration.seconds(2)
    var wrkRounds = 2

    /// Reads `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--help" || flag == "-h" { throw BenchmarkError(usage) }
            guard let value = remaining.popFirst() else { throw BenchmarkError("\(flag) needs a value\n\(usage)") }
            switch flag {
            case "--omc": options.omcPath = value
            case "--startup-runs": options.startupRuns = try count(value, flag)
            case "--mml-seconds": options.mmlDuration = try seconds(value, flag)
            case "--idle-seconds": options.idleDuration = try seconds(value, flag)
            case "--wrk-threads": options.wrkThreads = try count(value, flag)
            case "--wrk-connections": options.wrkConnections = try count(value, flag)
            case "--wrk-seconds": options.wrkDuration = try seconds(value, flag)
            case "--wrk-rounds": options.wrkRounds = try count(value, flag)
            default: throw BenchmarkError("unknown option \(flag)\n\(usage)")
            }
        }
        return options
    }

    private static func count(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw BenchmarkError("\(flag) must be a positive whole number") }
        return value
    }

    private static func seconds(_ text: String, _ flag: String) throws -> Duration {
        guard let value = Double(text), value > 0, value.isFinite else { throw BenchmarkError("\(flag) must be a positive number of seconds") }
        return .milliseconds(Int(value * 1_000))
    }
}
