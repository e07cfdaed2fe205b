import Foundation

/// Start-up time and idle memory of the real `omc` executable, with every plugin it bundles enabled.
struct StartupBenchmark {
    static let startupTarget = Duration.seconds(1)
    /// Decimal megabytes, the stricter reading of "60 MB".
    static let memoryTargetBytes = 60_000_000

    static let startupName = "Start-up to listening (all bundled plugins, existing DB)"
    static let startupGoal = "max < \(Int(Formatting.milliseconds(startupTarget))) ms"
    static let memoryName = "Idle resident memory (VmRSS)"
    static let memoryGoal = "< \(memoryTargetBytes / 1_000_000) MB"

    /// The release-built `omc`; `nil` when none was given, which makes both benchmarks errors.
    let omcPath: String?
    /// Timed start-ups, after the one that creates the database.
    let runs: Int
    /// How long the OMC sits idle before its memory is read.
    let idle: Duration

    func run() async -> [BenchmarkOutcome] {
        let launch: Launch
        do {
            launch = try await prepare()
        } catch {
            return [BenchmarkOutcome(name: Self.startupName, target: Self.startupGoal, error: error),
                    BenchmarkOutcome(name: Self.memoryName, target: Self.memoryGoal, error: error)]
        }
        defer { launch.directory.remove() }
        let startup: BenchmarkOutcome
        do {
            startup = try await measureStartup(launch)
        } catch {
            startup = BenchmarkOutcome(name: Self.startupName, target: Self.startupGoal, error: error)
        }
        let memory: BenchmarkOutcome
        do {
            let bytes = try await measureIdleMemory(launch)
            memory = BenchmarkOutcome(name: Self.memoryName, target: Self.memoryGoal,
                                      measured: "\(Formatting.fixed(Double(bytes) / 1_000_000)) MB",
                                      passed: bytes < Self.memoryTargetBytes)
        } catch {
            memory = BenchmarkOutcome(name: Self.memoryName, target: Self.memoryGoal, error: error)
        }
        return [startup, memory]
    }

    /// A scratch directory with the configuration; the database is created there by the first run.
    private func prepare() async throws -> Launch {
        guard let omcPath else {
            throw BenchmarkError("no omc executable: pass --omc PATH or set OMC_BENCH_OMC (Benchmarks/run.sh does)")
        }
        guard FileManager.default.isExecutableFile(atPath: omcPath) else {
            throw BenchmarkError("\(omcPath) is not an executable: build it with 'swift build -c release --product omc'")
        }
        report("  executable: \(omcPath)")
        let directory = try TemporaryDirectory(prefix: "omc-bench-startup")
        do {
            let configuration = try await writeConfiguration(omcPath: omcPath, in: directory)
            return Launch(omcPath: omcPath, configuration: configuration, dataDirectory: directory.file("data"), directory: directory)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// How to spawn the OMC under test; every run shares the configuration and the database.
    private struct Launch {
        let omcPath: String
        let configuration: String
        let dataDirectory: String
        let directory: TemporaryDirectory

        func spawn(log: String) throws -> SpawnedOMC {
            try SpawnedOMC(executable: omcPath, configuration: configuration, dataDirectory: dataDirectory,
                           logPath: directory.file(log))
        }
    }

    /// A `plugins.yaml` enabling every plugin the executable bundles, as `omc plugins list` names them.
    private func writeConfiguration(omcPath: String, in directory: TemporaryDirectory) async throws -> String {
        let path = directory.file("plugins.yaml")
        let empty = "server:\n  logLevel: info\nplugins: []\n"
        try empty.write(toFile: path, atomically: true, encoding: .utf8)
        let ids = try await bundledPluginIDs(omcPath: omcPath, configuration: path)
        report("  bundled plugins: \(ids.isEmpty ? "none in this build" : ids.joined(separator: ", "))")
        let entries = ids.map { "  - id: \($0)\n" }.joined()
        let text = "server:\n  logLevel: info\n" + (ids.isEmpty ? "plugins: []\n" : "plugins:\n" + entries)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The first column of `omc plugins list`, without its header; empty for a build without plugins.
    private func bundledPluginIDs(omcPath: String, configuration: String) async throws -> [String] {
        let (status, output) = try await ChildProcess.output(of: omcPath, ["plugins", "list", "--config", configuration])
        guard status == 0 else { throw BenchmarkError("'omc plugins list' failed with status \(status)") }
        if output.contains("This build has no plugins") { return [] }
        let lines = output.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first, header.hasPrefix("ID") else {
            throw BenchmarkError("unexpected output from 'omc plugins list':\n\(output)")
        }
        return lines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    private func measureStartup(_ launch: Launch) async throws -> BenchmarkOutcome {
        let first = try await startOnce(launch)
        report("  first start (creates the database): \(Int(Formatting.milliseconds(first.wallTime))) ms")
        var times: [Duration] = []
        for run in 1...max(runs, 1) {
            let listening = try await startOnce(launch)
            times.append(listening.wallTime)
            report("  run \(run): \(Int(Formatting.milliseconds(listening.wallTime))) ms from spawn "
                  + "(omc reports \(listening.reportedMilliseconds) ms from main)")
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        let worst = times[times.count - 1]
        return BenchmarkOutcome(
            name: Self.startupName, target: Self.startupGoal,
            measured: "median \(Int(Formatting.milliseconds(median))) ms, max \(Int(Formatting.milliseconds(worst))) ms (\(times.count) runs)",
            passed: worst < Self.startupTarget)
    }

    /// Spawns the OMC, waits until it listens, stops it with SIGTERM.
    private func startOnce(_ launch: Launch) async throws -> SpawnedOMC.Listening {
        let omc = try launch.spawn(log: "omc.log")
        do {
            let listening = try await omc.waitUntilListening()
            try await checkStopped(omc)
            return listening
        } catch {
            _ = await omc.stop()
            throw error
        }
    }

    private func measureIdleMemory(_ launch: Launch) async throws -> Int {
        let omc = try launch.spawn(log: "omc-idle.log")
        do {
            _ = try await omc.waitUntilListening()
            try await Task.sleep(for: idle)
            let bytes = try omc.residentBytes()
            report("  VmRSS after \(Formatting.fixed(Formatting.seconds(idle))) s idle: \(bytes / 1024) KiB")
            try await checkStopped(omc)
            return bytes
        } catch {
            _ = await omc.stop()
            throw error
        }
    }

    /// Stops `omc` and insists on a clean exit: a crash at shutdown would make the figures suspect.
    private func checkStopped(_ omc: SpawnedOMC) async throws {
        let status = await omc.stop()
        guard status == 0 else { throw BenchmarkError("omc exited with status \(status) after SIGTERM; \(omc.logTail())") }
    }
}
