import Foundation
import OMCTestSupport
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc` as a process, killed with SIGKILL in the middle of large batches: after a restart, the NE
/// and the OMC hold either all of a batch or none of it.
@Suite(.serialized) struct CrashSafetyTests {
    static let configuration = """
        server:
          logLevel: warning
          requestBodyLimit: 268435456
        plugins:
          - id: ne
          - id: udm
            config: { batchMaxRecords: 1000000 }
        """

    /// Starts `request` in the background and kills `omc` once a running batch reports a phase
    /// starting with `phase`.
    static func kill(_ omc: OMCProcess, during phase: String, resource: String, while request: @escaping @Sendable () async throws -> Void) async throws -> String {
        let task = Task { try? await request() }
        let deadline = ContinuousClock.now + .seconds(120)
        var seen = "none"
        while ContinuousClock.now < deadline {
            let running = try await omc.json("GET", "/ne/udm/\(resource)/batch/list")
            if let current = running["rows"]?[0]?["phase"]?.stringValue {
                seen = current
                if current.hasPrefix(phase) { break }
            } else if seen != "none" {
                break  // the batch finished before the phase was seen
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        omc.killHard()
        // The killed process's connection fails the request on its own. Cancelling it instead would
        // reach FoundationNetworking's URLSessionTask.cancel, which can deadlock on Linux (seen here).
        _ = await task.result
        return seen
    }

    @Test(.timeLimit(.minutes(3)))
    func aKilledBatchIsWholeOrAbsentOnBothSidesAfterRestart() async throws {
        let simulator = try SimulatorProcess(generate: "UDM:1")
        defer { simulator.stop() }
        var omc = try OMCProcess(configuration: Self.configuration)
        let data = omc.dataDirectory
        let registered = try await omc.register("UDM/001", playedBy: simulator)
        #expect(registered["code"]?.intValue == 200, "\(registered)")
        let count = 15_000
        var expected = 0
        // A batch add's own check is too short to hit reliably; the import's check covers a kill
        // before the journal row (the batch file is then an orphan, removed at start).
        let rounds = [("batch", "sending to NE"), ("batch", "recording"),
                      ("import", "checking"), ("import", "sending to NE"), ("import", "recording")]
        for (round, (kind, phase)) in rounds.enumerated() {
            let request = try Self.request(kind: kind, base: omc.baseURL, round: round, count: count)
            let seen = try await Self.kill(omc, during: phase, resource: "sub") {
                _ = try await URLSession.shared.data(for: request)
            }
            omc = try OMCProcess(configuration: Self.configuration, dataDirectory: data)
            let total = try await omc.json("GET", "/ne/udm/sub/list?neId=001")["total"]?.intValue ?? -1
            let (status, dump) = try await Self.neDump(simulator)
            #expect(status == 200)
            #expect(total == dump, "\(kind) killed during '\(seen)': the OMC holds \(total), the NE \(dump)")
            #expect(total == expected || total == expected + count,
                    "\(kind) killed during '\(seen)': \(total) is neither \(expected) nor \(expected + count)")
            expected = total
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: data.path + "/udm/batches")) ?? []
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
        _ = omc.stop()
    }

    /// A batch add of `count` subscriptions, or the import of a CSV file of as many, each round in
    /// its own IMSI range.
    static func request(kind: String, base: URL, round: Int, count: Int) throws -> URLRequest {
        let prefix = "4600\(round)"
        var request = URLRequest(url: base.appendingPathComponent(kind == "batch" ? "/ne/udm/sub/001/\(count)" : "/ne/udm/sub/import"))
        request.httpMethod = "POST"
        request.timeoutInterval = 300
        if kind == "batch" {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(try JSONBody.encode([
                "imsi": .string(prefix + "0000000000"), "msisdn": .string("86\(round)0000000000"),
                "ambr": "def_ambr", "nssai": "def_nssai", "smData": "internet",
            ] as JSONValue))
        } else {
            let boundary = "crash-\(round)"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"neId\"\r\n\r\n001\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"subs.csv\"\r\n\r\n"
                + "imsi,msisdn,ambr,nssai,smData\n"
            body.reserveCapacity(count * 64)
            for index in 0..<count {
                let digits = String(index)
                let padded = String(repeating: "0", count: 10 - digits.count) + digits
                body += "\(prefix)\(padded),86\(round)\(padded),def_ambr,def_nssai,internet\n"
            }
            body += "\r\n--\(boundary)--\r\n"
            request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        return request
    }

    /// How many subscriptions the NE holds, from its dump.
    static func neDump(_ simulator: SimulatorProcess) async throws -> (Int, Int) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(simulator.port("UDM/001"))/api/rest/systemManagement/v1/elementType/udm/objectType/systemState")!)
        request.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: request)
        let state = try JSONDecoder().decode(JSONValue.self, from: data)
        let info = state["dbInfo"]?.stringValue ?? ""
        // "udmdb v1.0.0 (N subscriptions, M authentication records)"
        let number = info.split(separator: "(").last?.split(separator: " ").first.flatMap { Int($0) } ?? -1
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, number)
    }
}
