import Foundation

/// Command-line settings. Defaults give a run of about two minutes on two cores.
struct BenchmarkOptions: Sendable {
    static let usage = """
        usage: omc-bench [--omc PATH] [--startup-runs N] [--mml-seconds S] [--idle-seconds S]
                         [--wrk-threads N] [--wrk-connections N] [--wrk-seconds S] [--wrk-rounds N]
                         [--nesim PATH] [--ne-count N] [--hanging N] [--state-runs N] [--mml-clients N]
                         [--capture-megabytes N] [--capture-runs N] [--logins N] [--fuzz-inputs N] [--fuzz-seed N]
                         [--only GROUP,…]

          --omc PATH       the release-built omc executable (default: $OMC_BENCH_OMC)
          --nesim PATH     the release-built omc-nesim executable (default: $OMC_BENCH_NESIM)
          --ne-count N     simulated NEs registered in the OMC (default 200)
          --hanging N      how many of them hang while system state of ALL is timed (default 20)
          --state-runs N   timed system-state requests, with and without hanging NEs (default 5)
          --mml-clients N  wrk connections sending MML at once (default 8; threads and seconds as --wrk-*)
          --capture-megabytes N  size of the pcap downloaded from a simulated UPF through the OMC (default 100)
          --capture-runs N       timed downloads of it (default 3)
          --udm-import-lines N   lines of the UDM import benchmark's CSV (default 1000000)
          --logins N             sequential logins timed for the login latency (default 100)
          --fuzz-inputs N        inputs of the fuzz run (default 1000000)
          --fuzz-seed N          its seed; the same seed makes the same inputs (default 19)
          --only GROUP,…         run only these groups: mml, startup, http, security, ne, capture, udm, pcf, fuzz (default all)
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
    var captureMegabytes = 100
    var captureRuns = 3
    var udmImportLines = 1_000_000
    var logins = 100
    var fuzzInputs = 1_000_000
    var fuzzSeed: UInt64 = 19
    /// The benchmark groups to run; empty for all.
    var only: Set<String> = []

    /// Whether the group `name` runs.
    func runs(_ name: String) -> Bool { only.isEmpty || only.contains(name) }

    static let groups = ["mml", "startup", "http", "security", "ne", "capture", "udm", "pcf", "fuzz"]

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
            case "--capture-megabytes": options.captureMegabytes = try count(value, flag)
            case "--capture-runs": options.captureRuns = try count(value, flag)
            case "--udm-import-lines": options.udmImportLines = try count(value, flag)
            case "--logins": options.logins = try count(value, flag)
            case "--fuzz-inputs": options.fuzzInputs = try count(value, flag)
            case "--fuzz-seed": options.fuzzSeed = UInt64(try count(value, flag))
            case "--only":
                options.only = Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                let unknown = options.only.subtracting(groups)
                guard unknown.isEmpty else { throw BenchmarkError("--only: unknown group \(unknown.sorted().joined(separator: ", ")); use \(groups.joined(separator: ", "))") }
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
