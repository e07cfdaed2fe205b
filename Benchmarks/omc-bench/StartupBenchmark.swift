import Foundation

/// Start-up time and idle memory of the real `omc` executable, with every plugin it bundles enabled.
struct StartupBenchmark {
    static let startupTarget = Duration.seconds(1)
    /// Decimal megabytes, the stricter reading of "60 MB".
    static let memoryTargetBytes = 60_000_000

    let omcPath: String
    /// Timed start-ups, after the one that creates the database.
    let runs: Int
    /// How long the OMC sits idle before its memory is read.
    let idle: Duration

    func run() async -> [BenchmarkOutcome] {
        let startupName = "Start-up to listening (all bundled plugins, existing DB)"
        let startupGoal = "max < \(Int(Formatting.milliseconds(Self.startupTarget))) ms"
        let memoryName = "Idle resident memory (VmRSS)"
        let memoryGoal = "< \(Self.memoryTargetBytes / 1_000_000) MB"
        let directory: TemporaryDirectory
        do { directory = try TemporaryDirectory(prefix: "omc-bench-startup") } catch {
            return [BenchmarkOutcome(name: startupName, target: startupGoal, error: error),
                    BenchmarkOutcome(name: memoryName, target: memoryGoal, error: error)]
        }
        defer { directory.remove() }
        let configuration: String
        do {
            configuration = try await writeConfiguration(in: directory)
        } catch {
            return [BenchmarkOutcome(name: startupName, target: startupGoal, error: error),
                    BenchmarkOutcome(name: memoryName, target: memoryGoal, error: error)]
        }
        let dataDirectory = directory.file("data")
        let startup: BenchmarkOutcome
        do {
            startup = try await measureStartup(configuration: configuration, dataDirectory: dataDirectory, directory: directory)
        } catch {
            startup = BenchmarkOutcome(name: startupName, target: startupGoal, error: error)
        }
        let memory: BenchmarkOutcome
        do {
            let bytes = try await measureIdleMemory(configuration: configuration, dataDirectory: dataDirectory, directory: directory)
            memory = BenchmarkOutcome(name: memoryName, target: memoryGoal,
                                      measured: "\(Formatting.fixed(Double(bytes) / 1_000_000)) MB",
                                      passed: bytes < Self.memoryTargetBytes)
        } catch {
            memory = BenchmarkOutcome(name: memoryName, target: memoryGoal, error: error)
        }
        return [startup, memory]
    }

    /// A `plugins.yaml` enabling every plugin the executable bundles, as `omc plugins list` names them.
    private func writeConfiguration(in directory: TemporaryDirectory) async throws -> String {
        let path = directory.file("plugins.yaml")
        let empty = "server:\n  logLevel: info\nplugins: []\n"
        try empty.write(toFile: path, atomically: true, encoding: .utf8)
        let ids = try await bundledPluginIDs(configuration: path)
        report("  bundled plugins: \(ids.isEmpty ? "none in this build" : ids.joined(separator: ", "))")
        let entries = ids.map { "  - id: \($0)\n" }.joined()
        let text = "server:\n  logLevel: info\n" + (ids.isEmpty ? "plugins: []\n" : "plugins:\n" + entries)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The first column of `omc plugins list`, without its header; empty for a build without plugins.
    private func bundledPluginIDs(configuration: String) async throws -> [String] {
        let (status, output) = try await ChildProcess.output(of: omcPath, ["plugins", "list", "--config", configuration])
        guard status == 0 else { throw BenchmarkError("'omc plugins list' failed with status \(status)") }
        if output.contains("This build has no plugins") { return [] }
        let lines = output.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first, header.hasPrefix("ID") else {
            throw BenchmarkError("unexpected output from 'omc plugins list':\n\(output)")
        }
        return lines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    private func measureStartup(configuration: String, dataDirectory: String, directory: TemporaryDirectory) async throws -> BenchmarkOutcome {
        let first = try await startOnce(configuration: configuration, dataDirectory: dataDirectory, directory: directory)
        report("  first start (creates the database): \(Int(Formatting.milliseconds(first.wallTime))) ms")
        var times: [Duration] = []
        for run in 1...max(runs, 1) {
            let listening = try await startOnce(configuration: configuration, dataDirectory: dataDirectory, directory: directory)
            times.append(listening.wallTime)
            report("  run \(run): \(Int(Formatting.milliseconds(listening.wallTime))) ms from spawn "
                  + "(omc reports \(listening.reportedMilliseconds) ms from main)")
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        let worst = times[times.count - 1]
        return BenchmarkOutcome(
            name: "Start-up to listening (all bundled plugins, existing DB)",
            target: "max < \(Int(Formatting.milliseconds(Self.startupTarget))) ms",
            measured: "median \(Int(Formatting.milliseconds(median))) ms, max \(Int(Formatting.milliseconds(worst))) ms (\(times.count) runs)",
            passed: worst < Self.startupTarget)
    }

    /// Spawns the OMC, waits until it listens, stops it with SIGTERM.
    private func startOnce(configuration: String, dataDirectory: String, directory: TemporaryDirectory) async throws -> SpawnedOMC.Listening {
        let omc = try SpawnedOMC(executable: omcPath, configuration: configuration, dataDirectory: dataDirectory,
                                 logPath: directory.file("omc.log"))
        do {
            let listening = try await omc.waitUntilListening()
            try await checkStopped(omc)
            return listening
        } catch {
            _ = await omc.stop()
            throw error
        }
    }

    private func measureIdleMemory(configuration: String, dataDirectory: String, directory: TemporaryDirectory) async throws -> Int {
        let omc = try SpawnedOMC(executable: omcPath, configuration: configuration, dataDirectory: dataDirectory,
                                 logPath: directory.file("omc-idle.log"))
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
