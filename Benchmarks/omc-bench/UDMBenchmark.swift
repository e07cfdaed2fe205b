import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PluginAPI

/// The UDM plugin at carrier scale, with `omc serve` and `omc-nesim` both as processes: batch add,
/// single creates and reads under `wrk`, a million-line import with the OMC's peak memory, a
/// million-row export with flat memory, and list pages over a million subscribers.
struct UDMBenchmark {
    let omcPath: String?
    let nesimPath: String?
    let threads: Int
    let duration: Duration
    let importLines: Int

    static let names = [
        "UDM batch add 100,000 (sub + auth)", "UDM single create over HTTP (8 clients)", "UDM read by IMSI (8 clients)",
        "UDM import CSV", "UDM import peak RSS of omc", "UDM export", "UDM export RSS growth", "UDM list, filtered, any page",
    ]
    static let targets = ["< 10 s", ">= 2,000/s", ">= 10,000/s", "< 60 s", "< 250 MB", "< 30 s", "flat (< 50 MB)", "p99 < 20 ms"]

    func run() async -> [BenchmarkOutcome] {
        do {
            return try await measure()
        } catch {
            return zip(Self.names, Self.targets).map { BenchmarkOutcome(name: $0, target: $1, error: error) }
        }
    }

    private func measure() async throws -> [BenchmarkOutcome] {
        let site = try await SpawnedSite.start(neType: "UDM", configuration: """
            server:
              logLevel: warning
              requestBodyLimit: 1073741824
            plugins:
              - id: ne
              - id: udm
                config: { batchMaxRecords: 1000000, importMaxMegabytes: 1024 }
            """, omcPath: omcPath, nesimPath: nesimPath)
        return try await site.measure(measure)
    }

    private func measure(_ site: SpawnedSite) async throws -> [BenchmarkOutcome] {
        let (directory, omc, base, element) = (site.directory, site.omc, site.base, site.element)
        let neID = element.id
        var outcomes: [BenchmarkOutcome] = []

        report("-- batch add of 100,000 subscriptions and 100,000 authentication records")
        let sub = try await JSONHTTP.send("POST", base + "/ne/udm/sub/\(neID)/100000", json: [
            "imsi": "460010000000000", "msisdn": "8610000000000", "ambr": "def_ambr", "nssai": "def_nssai", "smData": "internet",
            "epsFlag": "1", "epsDat": "def_eps", "apnContext": "1,2",
        ], timeout: .seconds(300))
        let auth = try await JSONHTTP.send("POST", base + "/ne/udm/auth/\(neID)/100000", json: [
            "imsi": "460010000000000", "ki": "0123456789abcdef0123456789abcdef", "opc": "fedcba9876543210fedcba9876543210",
        ], timeout: .seconds(300))
        guard sub.body["data"]?.intValue == 100_000, auth.body["data"]?.intValue == 100_000 else {
            throw BenchmarkError("batch add failed: \(sub.body) \(auth.body)")
        }
        let batchSeconds = Formatting.seconds(sub.elapsed + auth.elapsed)
        report("  subscriptions \(Formatting.fixed(Formatting.seconds(sub.elapsed), places: 2)) s, "
            + "authentication \(Formatting.fixed(Formatting.seconds(auth.elapsed), places: 2)) s")
        outcomes.append(BenchmarkOutcome(name: Self.names[0], target: Self.targets[0],
                                         measured: "\(Formatting.fixed(batchSeconds, places: 2)) s", passed: batchSeconds < 10))

        let wrk = try Wrk.locate(threads: threads, connections: 8)
        let scripts = try TemporaryDirectory(prefix: "omc-bench-udm-lua")
        defer { scripts.remove() }
        try Self.createScript.write(toFile: scripts.file("create.lua"), atomically: true, encoding: .utf8)
        try Self.readScript(neID).write(toFile: scripts.file("read.lua"), atomically: true, encoding: .utf8)
        report("-- single creates: \(wrk.settings) -s create.lua POST /ne/udm/sub/\(neID)")
        let creates = try await wrk.measure(base + "/ne/udm/sub/\(neID)", duration: duration, script: scripts.file("create.lua"))
        outcomes.append(rate(creates, name: Self.names[1], target: Self.targets[1], minimum: 2_000))
        report("-- reads by IMSI: \(wrk.settings) -s read.lua GET /ne/udm/sub/\(neID)/<random IMSI>")
        let reads = try await wrk.measure(base + "/ne/udm/sub/\(neID)/460010000000000", duration: duration, script: scripts.file("read.lua"))
        outcomes.append(rate(reads, name: Self.names[2], target: Self.targets[2], minimum: 10_000))

        report("-- import of a \(Formatting.grouped(importLines))-line CSV")
        let body = directory.file("import.multipart")
        try Self.writeImport(to: body, lines: importLines, neID: neID)
        let sampler = RSSSampler(omc: omc)
        let importStarted = ContinuousClock.now
        let imported = try await Self.curl(["-X", "POST", "-H", "Content-Type: multipart/form-data; boundary=\(Self.boundary)",
                                            "--data-binary", "@\(body)", base + "/ne/udm/sub/import"])
        let importSeconds = Formatting.seconds(ContinuousClock.now - importStarted)
        let importPeak = await sampler.stop()
        guard imported.contains("\"data\":\(importLines)") else { throw BenchmarkError("import failed: \(imported.prefix(500))") }
        try? FileManager.default.removeItem(atPath: body)
        report("  \(Formatting.fixed(importSeconds, places: 1)) s, peak RSS \(Formatting.fixed(Double(importPeak) / 1_048_576)) MB")
        outcomes.append(BenchmarkOutcome(name: Self.names[3] + " (\(Formatting.grouped(importLines)) lines)", target: Self.targets[3],
                                         measured: "\(Formatting.fixed(importSeconds, places: 1)) s", passed: importSeconds < 60))
        outcomes.append(BenchmarkOutcome(name: Self.names[4], target: Self.targets[4],
                                         measured: "\(Formatting.fixed(Double(importPeak) / 1_048_576)) MB", passed: importPeak < 250 << 20))

        let total = try await JSONHTTP.send("GET", base + "/ne/udm/sub/list?neId=\(neID)").body["total"]?.intValue ?? 0
        report("-- export of \(Formatting.grouped(total)) rows as csv")
        let exportSampler = RSSSampler(omc: omc)
        let before = try omc.residentBytes()
        let exportStarted = ContinuousClock.now
        let exportFile = directory.file("export.csv")
        _ = try await Self.curl(["-X", "POST", "-H", "Content-Type: application/json", "--data", "{\"neId\":\"\(neID)\",\"type\":\"csv\"}",
                                 "-o", exportFile, base + "/ne/udm/sub/export"])
        let exportSeconds = Formatting.seconds(ContinuousClock.now - exportStarted)
        let exportPeak = await exportSampler.stop()
        let exportedLines = try Self.countLines(exportFile) - 1
        let growth = max(0, exportPeak - before)
        report("  \(Formatting.grouped(exportedLines)) rows in \(Formatting.fixed(exportSeconds, places: 1)) s; RSS \(Formatting.fixed(Double(before) / 1_048_576)) MB before, "
            + "peak \(Formatting.fixed(Double(exportPeak) / 1_048_576)) MB")
        outcomes.append(BenchmarkOutcome(name: Self.names[5] + " (\(Formatting.grouped(exportedLines)) rows)", target: Self.targets[5],
                                         measured: "\(Formatting.fixed(exportSeconds, places: 1)) s", passed: exportSeconds < 30 && exportedLines == total))
        outcomes.append(BenchmarkOutcome(name: Self.names[6], target: Self.targets[6],
                                         measured: "+\(Formatting.fixed(Double(growth) / 1_048_576)) MB", passed: growth < 50 << 20))

        report("-- list pages over \(Formatting.grouped(total)) subscriptions: neId, imsi and msisdn filters, random pages, every sort")
        var latencies: [Double] = []
        let queries = [
            { (page: Int) in "neId=\(neID)&pageNum=\(page)&pageSize=10" },
            { (page: Int) in "neId=\(neID)&sortField=msisdn&sortOrder=desc&pageNum=\(page)&pageSize=20" },
            { (_: Int) in "msisdn=86200000\(Int.random(in: 10...99))&pageNum=\(Int.random(in: 1...100))&pageSize=10" },
            { (_: Int) in "imsi=4600200000\(Int.random(in: 10...99))&neId=\(neID)&pageNum=\(Int.random(in: 1...100))" },
        ]
        for round in 0..<400 {
            let query = queries[round % queries.count](Int.random(in: 1...max(1, total / 20)))
            let answer = try await JSONHTTP.send("GET", base + "/ne/udm/sub/list?" + query)
            guard answer.status == 200 else { throw BenchmarkError("list ?\(query) answered \(answer.status): \(answer.body)") }
            latencies.append(Formatting.milliseconds(answer.elapsed))
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[latencies.count * 99 / 100]
        report("  400 requests: p50 \(Formatting.fixed(p50, places: 2)) ms, p99 \(Formatting.fixed(p99, places: 2)) ms, max \(Formatting.fixed(latencies.last ?? 0, places: 2)) ms")
        outcomes.append(BenchmarkOutcome(name: Self.names[7], target: Self.targets[7],
                                         measured: "p99 \(Formatting.fixed(p99, places: 2)) ms", passed: p99 < 20))
        return outcomes
    }

    private func rate(_ measurement: Wrk.Measurement, name: String, target: String, minimum: Double) -> BenchmarkOutcome {
        let problems = [measurement.nonSuccess, measurement.socketErrors].compactMap { $0 }
        report("  \(Formatting.grouped(measurement.requests)) requests, \(Formatting.grouped(Int(measurement.requestsPerSecond)))/s"
            + (problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")"))
        return BenchmarkOutcome(name: name, target: target, measured: "\(Formatting.grouped(Int(measurement.requestsPerSecond)))/s"
                                    + (problems.isEmpty ? "" : " (errors)"),
                                passed: problems.isEmpty && measurement.requestsPerSecond >= minimum)
    }

    /// Each wrk thread numbers its own IMSIs (`46009` + thread + counter), so no two creates clash.
    static let createScript = """
        local threads = 0
        function setup(thread) thread:set("tid", threads); threads = threads + 1 end
        local n = 0
        function request()
          n = n + 1
          local imsi = string.format("46009%02d%08d", tid, n)
          local body = '{"imsi":"' .. imsi .. '","msisdn":"86' .. string.sub(imsi, 5) .. '","ambr":"def_ambr","nssai":"def_nssai","smData":"internet"}'
          return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
        end
        """

    static func readScript(_ neID: String) -> String {
        """
        function request()
          return wrk.format("GET", string.format("/ne/udm/sub/\(neID)/4600100%08d", math.random(0, 99999)))
        end
        """
    }

    static let boundary = "omc-bench-udm-import"

    /// A multipart body with `neId` and a CSV of `lines` subscriptions, written in 1 MB steps.
    static func writeImport(to path: String, lines: Int, neID: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else { throw BenchmarkError("cannot write \(path)") }
        defer { try? handle.close() }
        var chunk = "--\(boundary)\r\nContent-Disposition: form-data; name=\"neId\"\r\n\r\n\(neID)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"subscribers.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "imsi,msisdn,ambr,nssai,smData,epsFlag,epsDat,apnContext\n"
        for index in 0..<lines {
            chunk += "4600200\(String(format: "%08d", index)),8620\(String(format: "%09d", index)),def_ambr,def_nssai,internet,1,def_eps,\"1,2\"\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += "\r\n--\(boundary)--\r\n"
        try handle.write(contentsOf: Data(chunk.utf8))
    }

    static func curl(_ arguments: [String]) async throws -> String {
        let (status, output) = try await ChildProcess.output(of: "/usr/bin/curl", ["-sS", "--max-time", "600"] + arguments)
        guard status == 0 else { throw BenchmarkError("curl failed with status \(status): \(output)") }
        return output
    }

    static func countLines(_ path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BenchmarkError("cannot read \(path)") }
        defer { try? handle.close() }
        var count = 0
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { count += data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        return count
    }
}

/// Samples the OMC's resident memory every 50 ms until stopped and reports the highest value.
final class RSSSampler: Sendable {
    private let task: Task<Int, Never>

    init(omc: SpawnedOMC) {
        task = Task {
            var peak = 0
            while !Task.isCancelled {
                peak = max(peak, (try? omc.residentBytes()) ?? 0)
                try? await Task.sleep(for: .milliseconds(50))
            }
            return max(peak, (try? omc.residentBytes()) ?? 0)
        }
    }

    func stop() async -> Int {
        task.cancel()
        return await task.value
    }
}
