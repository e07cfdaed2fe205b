import Foundation

/// The `wrk` load generator.
struct Wrk: Sendable {
    /// What one run of `wrk` reported.
    struct Measurement: Sendable {
        let requestsPerSecond: Double
        /// Completed requests, from `N requests in 8.00s, …`.
        let requests: Int
        /// `Non-2xx or 3xx responses: N`, when there were any.
        let nonSuccess: String?
        /// `Socket errors: connect 0, read 0, write 0, timeout N`, when there were any.
        let socketErrors: String?
    }

    let path: String
    let threads: Int
    let connections: Int

    /// `wrk` from `$PATH`.
    static func locate(threads: Int, connections: Int) throws -> Wrk {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        guard let path = directories.map({ "\($0)/wrk" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchmarkError("wrk is not installed: run Benchmarks/run.sh, which installs it, or 'apt-get install wrk'")
        }
        return Wrk(path: path, threads: threads, connections: connections)
    }

    var settings: String { "wrk -t\(threads) -c\(connections)" }

    /// Loads `url` for `duration` and returns the requests per second. A non-2xx answer makes the
    /// figure meaningless (errors are cheap), so it is an error; socket errors are only reported.
    func requestsPerSecond(_ url: String, duration: Duration, script: String? = nil) async throws -> Double {
        let measurement = try await measure(url, duration: duration, script: script)
        if let line = measurement.nonSuccess {
            throw BenchmarkError("wrk against \(url) reported: \(line)")
        }
        if let line = measurement.socketErrors {
            report("  warning: wrk against \(url) reported: \(line)")
        }
        return measurement.requestsPerSecond
    }

    /// Loads `url` for `duration`, shaping each request with the Lua `script` (a file) if one is
    /// given, and returns what `wrk` reported, errors included, for the caller to judge.
    func measure(_ url: String, duration: Duration, script: String? = nil) async throws -> Measurement {
        let seconds = max(1, Int(Formatting.seconds(duration).rounded()))
        let arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s"] + (script.map { ["-s", $0] } ?? []) + [url]
        let (status, output) = try await ChildProcess.output(of: path, arguments)
        guard status == 0 else { throw BenchmarkError("wrk failed with status \(status):\n\(output)") }
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let rateLine = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
              let rate = rateLine.split(separator: " ").last.flatMap({ Double($0) }),
              let countLine = lines.first(where: { $0.contains(" requests in ") }),
              let count = countLine.split(separator: " ").first.flatMap({ Int($0) }) else {
            throw BenchmarkError("no Requests/sec or request count in wrk's output:\n\(output)")
        }
        return Measurement(requestsPerSecond: rate, requests: count,
                           nonSuccess: lines.first(where: { $0.hasPrefix("Non-2xx") }),
                           socketErrors: lines.first(where: { $0.hasPrefix("Socket errors") }))
    }
}
