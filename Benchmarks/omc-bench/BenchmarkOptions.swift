import Foundation

/// Command-line settings. Defaults give a run of about two minutes on two cores.
struct BenchmarkOptions: Sendable {
    static let usage = """
        usage: omc-bench [--omc PATH] [--startup-runs N] [--mml-seconds S] [--idle-seconds S]
                         [--wrk-threads N] [--wrk-connections N] [--wrk-seconds S] [--wrk-rounds N]
                         [--nesim PATH] [--ne-count N] [--hanging N] [--state-runs N] [--mml-clients N]
                         [--logins N] [--only SECTIONS]

          --omc PATH       the release-built omc executable (default: $OMC_BENCH_OMC)
          --nesim PATH     the release-built omc-nesim executable (default: $OMC_BENCH_NESIM)
          --ne-count N     simulated NEs registered in the OMC (default 200)
          --hanging N      how many of them hang while system state of ALL is timed (default 20)
          --state-runs N   timed system-state requests, with and without hanging NEs (default 5)
          --mml-clients N  wrk connections sending MML at once (default 8; threads and seconds as --wrk-*)
          --logins N       sequential logins timed for the login latency (default 100)
          --only SECTIONS  comma-separated sections to run: mml, startup, http, security, ne (default: all)
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
    /// The `omc-nesim` executable for the NE benchmarks.
    var nesimPath = ProcessInfo.processInfo.environment["OMC_BENCH_NESIM"]
    var neCount = 200
    var hanging = 20
    var stateRuns = 5
    var mmlClients = 8
    var logins = 100
    /// Sections to run; `nil` runs all.
    var only: Set<String>?
    static let sections: Set<String> = ["mml", "startup", "http", "security", "ne"]

    /// Whether the section `name` runs.
    func includes(_ name: String) -> Bool { only?.contains(name) ?? true }

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
            case "--nesim": options.nesimPath = value
            case "--ne-count": options.neCount = try count(value, flag)
            case "--hanging": options.hanging = try count(value, flag)
            case "--state-runs": options.stateRuns = try count(value, flag)
            case "--mml-clients": options.mmlClients = try count(value, flag)
            case "--logins": options.logins = try count(value, flag)
            case "--only":
                let names = Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                guard !names.isEmpty, names.isSubset(of: sections) else {
                    throw BenchmarkError("--only takes sections from: \(sections.sorted().joined(separator: ", "))")
                }
                options.only = names
            default: throw BenchmarkError("unknown option \(flag)\n\(usage)")
            }
        }
        // The first NE serves the MML benchmark and must stay healthy; the hanging ones are the last.
        guard options.hanging < options.neCount else { throw BenchmarkError("--hanging must be less than --ne-count") }
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
