import OMCHost
import PluginAPI

/// Parses a mix of realistic MML commands on the calling thread for a fixed time and reports the rate.
struct MMLParserBenchmark {
    static let target = 1_000_000.0
    static let name = "MML parser throughput (1 core)"
    static let goal = ">= \(Formatting.grouped(Int(target))) cmd/s"

    /// What operators type: lookups, a provisioning command with a quoted value, bare commands,
    /// lower case without `;`.
    static let commands = [
        "DSP AUTHDAT:IMSI=460000100000030;",
        #"ADD SUB: IMSI=460000100000031, MSISDN=8613800000001, AMBR="up 100, down 200";"#,
        "date",
        "LST CMD",
        "mod sub:imsi=460000100000032,msisdn=8613800000002",
        #"SET OPC: IMSI=460000100000033, OPC="0123456789ABCDEF0123456789ABCDEF", NOTE="say \"hi\"";"#,
    ]

    let duration: Duration

    func run() -> BenchmarkOutcome {
        do {
            return try measure()
        } catch {
            return BenchmarkOutcome(name: Self.name, target: Self.goal, error: error)
        }
    }

    private func measure() throws -> BenchmarkOutcome {
        // Every command must parse; the argument count per pass doubles as a check that the
        // optimizer kept the work.
        let argumentsPerPass = try Self.commands.reduce(0) { total, text in
            do { return total + (try MMLParser.parse(text)).arguments.count } catch {
                throw BenchmarkError("'\(text)' does not parse: \(error)")
            }
        }
        _ = try parse(for: .milliseconds(200), argumentsPerPass: argumentsPerPass)  // warm caches and allocator
        let (parsed, elapsed) = try parse(for: duration, argumentsPerPass: argumentsPerPass)
        let rate = Double(parsed) / Formatting.seconds(elapsed)
        report("  parsed \(Formatting.grouped(parsed)) commands in \(Formatting.fixed(Formatting.seconds(elapsed), places: 2)) s")
        return BenchmarkOutcome(name: Self.name, target: Self.goal, measured: "\(Formatting.grouped(Int(rate))) cmd/s",
                                passed: rate >= Self.target)
    }

    /// Parses the commands round after round until `duration` has passed; reading the clock only
    /// between batches keeps its cost out of the figure.
    private func parse(for duration: Duration, argumentsPerPass: Int) throws -> (parsed: Int, elapsed: Duration) {
        let passesPerBatch = 1_000
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + duration
        var passes = 0
        var arguments = 0
        repeat {
            for _ in 0..<passesPerBatch {
                for text in Self.commands {
                    arguments &+= try MMLParser.parse(text).arguments.count
                }
            }
            passes += passesPerBatch
        } while clock.now < deadline
        let elapsed = clock.now - start
        guard arguments == passes * argumentsPerPass else {
            throw BenchmarkError("parsed \(arguments) arguments, expected \(passes * argumentsPerPass)")
        }
        return (passes * Self.commands.count, elapsed)
    }
}
