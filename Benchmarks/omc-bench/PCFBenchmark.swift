import Foundation
import PluginAPI

/// The PCF plugin with `omc serve` and `omc-nesim` both as processes: a batch add of 100,000 UE
/// policies (one NE request, one transaction), then reads by random IMSI under `wrk`, then an xlsx
/// export and its import back (file exchange and the Spreadsheet module at that size).
struct PCFBenchmark {
    let omcPath: String?
    let nesimPath: String?
    let threads: Int
    let duration: Duration

    static let names = ["PCF batch add 100,000 UE policies", "PCF read by IMSI (8 clients)", "PCF xlsx export 100,000", "PCF xlsx import 100,000"]
    static let targets = ["< 10 s", ">= 10,000/s", "< 30 s", "< 60 s"]

    func run() async -> [BenchmarkOutcome] {
        do {
            return try await measure()
        } catch {
            return zip(Self.names, Self.targets).map { BenchmarkOutcome(name: $0, target: $1, error: error) }
        }
    }

    private func measure() async throws -> [BenchmarkOutcome] {
        let site = try await SpawnedSite.start(neType: "PCF", configuration: """
            server:
              logLevel: warning
            plugins:
              - id: ne
              - id: pcf
                config: { batchMaxRecords: 100000 }
            """, omcPath: omcPath, nesimPath: nesimPath)
        return try await site.measure(measure)
    }

    private func measure(_ site: SpawnedSite) async throws -> [BenchmarkOutcome] {
        let (directory, base, element) = (site.directory, site.base, site.element)
        let neID = element.id
        let path = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"
        var outcomes: [BenchmarkOutcome] = []

        report("-- batch add of 100,000 UE policies: POST \(path)/100000")
        let added = try await JSONHTTP.send("POST", base + path + "/100000?neId=\(neID)", json: [
            "imsi": "460990000000000", "msisdn": "8675500000000", "rfsp": 1, "sar": "def_sar", "pccRules": "internet|ims_sig",
            "sessRules": "internet|ims_sig", "uePolicy": "uep_001", "qosAudio": "qos_audio", "qosVideo": "qos_video", "hdrEnrich": "dnn",
        ], timeout: .seconds(300))
        guard added.body["data"]?["added"]?.intValue == 100_000 else { throw BenchmarkError("batch add failed: \(added.body)") }
        let addSeconds = Formatting.seconds(added.elapsed)
        report("  \(Formatting.fixed(addSeconds, places: 2)) s")
        outcomes.append(BenchmarkOutcome(name: Self.names[0], target: Self.targets[0],
                                         measured: "\(Formatting.fixed(addSeconds, places: 2)) s", passed: addSeconds < 10))

        let wrk = try Wrk.locate(threads: threads, connections: 8)
        let script = directory.file("read.lua")
        try """
            function request()
              return wrk.format("GET", string.format("\(path)?neId=\(neID)&imsi=4609900000%05d", math.random(0, 99999)))
            end
            """.write(toFile: script, atomically: true, encoding: .utf8)
        report("-- reads by IMSI: \(wrk.settings) -s read.lua GET \(path)?neId=\(neID)&imsi=<random>")
        let reads = try await wrk.measure(base + path + "?neId=\(neID)&imsi=460990000000000", duration: duration, script: script)
        let problems = [reads.nonSuccess, reads.socketErrors].compactMap { $0 }
        report("  \(Formatting.grouped(reads.requests)) requests, \(Formatting.grouped(Int(reads.requestsPerSecond)))/s"
            + (problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")"))
        outcomes.append(BenchmarkOutcome(name: Self.names[1], target: Self.targets[1],
                                         measured: "\(Formatting.grouped(Int(reads.requestsPerSecond)))/s" + (problems.isEmpty ? "" : " (errors)"),
                                         passed: problems.isEmpty && reads.requestsPerSecond >= 10_000))

        report("-- xlsx export of the 100,000 policies, then its import back (add or replace)")
        let exportFile = directory.file("export.xlsx")
        let exportStarted = ContinuousClock.now
        _ = try await ChildProcess.output(of: "/usr/bin/curl", ["-sS", "-o", exportFile, base + path + "/export?neId=\(neID)&type=xlsx"])
        let exportSeconds = Formatting.seconds(ContinuousClock.now - exportStarted)
        let size = (try? FileManager.default.attributesOfItem(atPath: exportFile)[.size] as? Int) ?? 0
        report("  export \(Formatting.fixed(exportSeconds, places: 2)) s, \(Formatting.fixed(Double(size) / 1_048_576)) MB")
        outcomes.append(BenchmarkOutcome(name: Self.names[2], target: Self.targets[2],
                                         measured: "\(Formatting.fixed(exportSeconds, places: 2)) s", passed: exportSeconds < 30 && size > 1_000_000))
        let importStarted = ContinuousClock.now
        let (_, imported) = try await ChildProcess.output(of: "/usr/bin/curl", ["-sS", "-F", "file=@\(exportFile)", base + path + "/import?neId=\(neID)"])
        let importSeconds = Formatting.seconds(ContinuousClock.now - importStarted)
        guard imported.contains("\"imported\":100000") else { throw BenchmarkError("import failed: \(imported.prefix(300))") }
        report("  import \(Formatting.fixed(importSeconds, places: 2)) s")
        outcomes.append(BenchmarkOutcome(name: Self.names[3], target: Self.targets[3],
                                         measured: "\(Formatting.fixed(importSeconds, places: 2)) s", passed: importSeconds < 60))
        return outcomes
    }
}
