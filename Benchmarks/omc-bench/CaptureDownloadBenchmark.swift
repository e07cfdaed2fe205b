import Foundation
import PluginAPI

/// A large capture file downloaded from a simulated UPF through a real `omc serve` process
/// (`GET /tcpdump/download`), against reading the same file straight from disk: the OMC must pass
/// it at disk speed without holding it (its peak resident memory must not grow with the file).
struct CaptureDownloadBenchmark {
    static let name = "Capture download through the OMC"
    static let memoryName = "OMC peak RSS growth during the download"
    /// Two NE-to-client hops of HTTP on loopback against one read from the page cache.
    static let speedTargetMegabytesPerSecond = 200.0
    static let memoryTargetBytes = 20_000_000
    /// The client; Benchmarks/run.sh installs it when missing.
    static let curl = "/usr/bin/curl"

    let omcPath: String?
    let nesimPath: String?
    let megabytes: Int
    let runs: Int

    var speedGoal: String { "≥ \(Int(Self.speedTargetMegabytesPerSecond)) MB/s (\(megabytes) MB pcap)" }
    var memoryGoal: String { "< \(Self.memoryTargetBytes / 1_000_000) MB (flat)" }

    func run() async -> [BenchmarkOutcome] {
        do {
            return try await measure()
        } catch {
            return [BenchmarkOutcome(name: Self.name, target: speedGoal, error: error),
                    BenchmarkOutcome(name: Self.memoryName, target: memoryGoal, error: error)]
        }
    }

    private func measure() async throws -> [BenchmarkOutcome] {
        guard FileManager.default.isExecutableFile(atPath: Self.curl) else { throw BenchmarkError("\(Self.curl) is missing: apt-get install curl") }
        let site = try await SpawnedSite.start(neType: "UPF", configuration: """
            server:
              logLevel: info
            plugins:
              - id: ne
                config: { pollIntervalSeconds: 3600 }
              - id: trace
              - id: upf
            """, omcPath: omcPath, nesimPath: nesimPath)
        return try await site.measure(measure)
    }

    private func measure(_ site: SpawnedSite) async throws -> [BenchmarkOutcome] {
        let (directory, omc, base, upf) = (site.directory, site.omc, site.base, site.element)
        // The file where the simulated UPF keeps its captures (see TrafficCapture).
        let folder = directory.file("nesim/UPF-\(upf.id)/captures")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent("bench.pcap")
        let size = try writeCapture(at: path, bytes: megabytes * 1_000_000)
        let plain = try readFile(path)
        report("  plain read of the file: \(Formatting.fixed(rate(size, plain))) MB/s")

        let idle = try omc.residentBytes()
        var times: [Duration] = []
        for run in 1...max(runs, 1) {
            let elapsed = try await download(base + "/tcpdump/download?neType=UPF&neId=\(upf.id)&fileName=bench.pcap", expected: size)
            times.append(elapsed)
            report("  download \(run): \(Formatting.fixed(rate(size, elapsed))) MB/s")
        }
        let peak = try omc.peakResidentBytes()
        let best = times.min() ?? .zero
        let growth = peak - idle
        report("  omc VmRSS before: \(idle / 1024) KiB, VmHWM after: \(peak / 1024) KiB")
        let speed = rate(size, best)
        return [
            BenchmarkOutcome(name: Self.name, target: speedGoal,
                             measured: "\(Formatting.fixed(speed)) MB/s best of \(times.count) (plain file read \(Formatting.fixed(rate(size, plain))) MB/s)",
                             passed: speed >= Self.speedTargetMegabytesPerSecond),
            BenchmarkOutcome(name: Self.memoryName, target: memoryGoal,
                             measured: "\(Formatting.fixed(Double(growth) / 1_000_000)) MB (idle \(Formatting.fixed(Double(idle) / 1_000_000)) MB, peak \(Formatting.fixed(Double(peak) / 1_000_000)) MB)",
                             passed: growth < Self.memoryTargetBytes),
        ]
    }

    /// A pcap of full-size Ethernet frames, `bytes` long or a little more; returns its size.
    private func writeCapture(at path: String, bytes: Int) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchmarkError("cannot create \(path)")
        }
        defer { try? handle.close() }
        var header: [UInt8] = []
        for value: UInt32 in [0xA1B2_C3D4] { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        for value: UInt16 in [2, 4] { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        for value: UInt32 in [0, 0, 65_535, 1] { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        handle.write(Data(header))
        var record: [UInt8] = []
        for value: UInt32 in [1_800_000_000, 0, 1514, 1514] { withUnsafeBytes(of: value.littleEndian) { record += $0 } }
        record += (0..<1514).map { UInt8(truncatingIfNeeded: $0) }
        let chunk = Data((0..<690).flatMap { _ in record })   // about 1 MB
        var written = header.count
        while written < bytes {
            handle.write(chunk)
            written += chunk.count
        }
        return written
    }

    /// Reads the file in 1 MiB pieces, as a client copying it from disk would.
    private func readFile(_ path: String) throws -> Duration {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BenchmarkError("cannot read \(path)") }
        defer { try? handle.close() }
        let started = ContinuousClock.now
        while !handle.readData(ofLength: 1 << 20).isEmpty {}
        return ContinuousClock.now - started
    }

    /// `curl` fetches the download into /dev/null; a separate process, so that the client's memory
    /// is not the OMC's.
    private func download(_ url: String, expected: Int) async throws -> Duration {
        let started = ContinuousClock.now
        let (status, output) = try await ChildProcess.output(of: Self.curl, ["-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url])
        let elapsed = ContinuousClock.now - started
        let fields = output.split(separator: " ")
        guard status == 0, fields.count == 2, fields[0] == "200", Int(fields[1]) == expected else {
            throw BenchmarkError("download failed: curl status \(status), answer '\(output)' (expected 200 and \(expected) bytes)")
        }
        return elapsed
    }

    private func rate(_ bytes: Int, _ duration: Duration) -> Double {
        Double(bytes) / 1_000_000 / max(Formatting.seconds(duration), 1e-9)
    }
}
