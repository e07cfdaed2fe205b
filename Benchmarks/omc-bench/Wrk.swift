import Foundation

/// The `wrk` load generator.
struct Wrk: Sendable {
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
    func requestsPerSecond(_ url: String, duration: Duration) async throws -> Double {
        let seconds = max(1, Int(Formatting.seconds(duration).rounded()))
        let (status, output) = try await ChildProcess.output(
            of: path, ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", url])
        guard status == 0 else { throw BenchmarkError("wrk failed with status \(status):\n\(output)") }
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if let line = lines.first(where: { $0.hasPrefix("Non-2xx") }) {
            throw BenchmarkError("wrk against \(url) reported: \(line)")
        }
        if let line = lines.first(where: { $0.hasPrefix("Socket errors") }) {
            report("  warning: wrk against \(url) reported: \(line)")
        }
        guard let line = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
              let value = line.split(separator: " ").last.flatMap({ Double($0) }) else {
            throw BenchmarkError("no Requests/sec in wrk's output:\n\(output)")
        }
        return value
    }
}
