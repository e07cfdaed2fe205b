import Foundation

/// An `omc serve` child process, watched for the line it prints once its socket is bound.
final class SpawnedOMC: Sendable {
    /// What `omc serve` printed when it started listening, and when the benchmark saw it.
    struct Listening: Sendable {
        let host: String
        let port: Int
        /// The process's own figure, from its `main` to the bound socket.
        let reportedMilliseconds: Int
        /// From just before the spawn to the arrival of the line: includes loading the executable.
        let wallTime: Duration
    }

    let child: ChildProcess
    private let output: AsyncStream<ChildOutput.Chunk>
    private let spawned: ContinuousClock.Instant
    private let logPath: String

    /// Spawns `omc serve` on a free loopback port with `configuration` and `dataDirectory`; its
    /// standard error (the log) goes to `logPath`.
    init(executable: String, configuration: String, dataDirectory: String, logPath: String) throws {
        let log = try ChildOutput.createLog(at: logPath)
        let pipe = Pipe()
        let output = ChildOutput.chunks(of: pipe)
        self.output = output
        self.logPath = logPath
        child = ChildProcess(executable: executable,
                             arguments: ["serve", "--config", configuration, "--port", "0", "--host", "127.0.0.1",
                                         "--data-dir", dataDirectory],
                             standardOutput: pipe, standardError: log)
        spawned = ContinuousClock.now
        try child.start()
        try? log.close()  // the child has its own descriptor now
    }

    /// Waits for `OMC listening on http://HOST:PORT (started in N ms)`.
    func waitUntilListening(timeout: Duration = .seconds(30)) async throws -> Listening {
        guard let listening = try await withTimeout(timeout, { try await self.readListeningLine() }) else {
            throw BenchmarkError("omc did not report listening within \(timeout); \(logTail())")
        }
        return listening
    }

    private func readListeningLine() async throws -> Listening {
        let pattern = /^OMC listening on http:\/\/(.+):(\d+) \(started in (\d+) ms\)$/
        var pending = Data()
        for await chunk in output {
            pending.append(chunk.bytes)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[(newline + 1)...])
                if let match = line.wholeMatch(of: pattern), let port = Int(match.2), let reported = Int(match.3) {
                    return Listening(host: String(match.1), port: port, reportedMilliseconds: reported,
                                     wallTime: chunk.arrival - spawned)
                }
            }
        }
        try Task.checkCancellation()
        throw BenchmarkError("omc exited before listening (status \(await child.exitStatus())); \(logTail())")
    }

    /// Resident memory of the process, from `/proc/<pid>/status`, in bytes.
    func residentBytes() throws -> Int {
        try memoryFigure("VmRSS")
    }

    /// The most resident memory the process has had since it started (`VmHWM`), in bytes.
    func peakResidentBytes() throws -> Int {
        try memoryFigure("VmHWM")
    }

    /// One `kB` line of `/proc/<pid>/status` (`VmRSS:     23456 kB`), in bytes; the kernel's kB are KiB.
    private func memoryFigure(_ field: String) throws -> Int {
        let path = "/proc/\(child.pid)/status"
        guard let status = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchmarkError("cannot read \(path): resident memory is measured through Linux's /proc")
        }
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kibibytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) }) else {
            throw BenchmarkError("no \(field) line in \(path)")
        }
        return kibibytes * 1024
    }

    /// SIGTERM, then waits for the graceful shutdown.
    func stop() async -> Int32 {
        await child.terminate()
    }

    /// The end of the child's log, for error messages.
    func logTail() -> String {
        ChildOutput.tail(of: logPath)
    }
}
