import Foundation
import NEManagement
import OMCHost
import OMCTestSupport
import OMCTesting
import PCF
import PluginAPI
import Security
import Spreadsheet
import Trace
import UDM
import UPF

/// The fuzz run of the security hardening: `inputs` generated inputs (seeded, so a run can be made
/// again) against the MML parser, every mounted route's JSON body and the upload parsers (multipart,
/// xlsx, xls, csv), through the whole host in this process with every bundled plugin and a simulator
/// playing a UDM, a PCF and a UPF. Judged: no crash (the process would die) and no answer 500; NE
/// refusals (502) are counted apart, since forwarding an NE's refusal is their documented answer.
struct FuzzRun {
    let inputs: Int
    let seed: UInt64
    let nesimPath: String?

    static let name = "fuzz: MML, JSON bodies, uploads"
    private static let firstPassword = "Fuzz#First1"
    private static let password = "Fuzz#Pass42"
    /// Routes that would end or lock the fuzzing administrator's own session.
    private static let skipped: Set<String> = ["POST /logout", "PUT /system/user/resetPwd", "PUT /system/user/profile/updatePwd",
                                               "PUT /system/user/changeStatus", "DELETE /monitor/online/{tokenId}"]
    private static let mmlSeeds = ["DSP AUTHDAT:IMSI=460000100000030;", "LST SUB:IMSI=460000100000030;",
                                   "ADD SUB:IMSI=460000100000031,MSISDN=8613800000031;",
                                   "ADD AUTHDAT:IMSI=460000100000031,KI=000102030405060708090A0B0C0D0E0F,OPC=000102030405060708090A0B0C0D0E0F,AMF=8000;",
                                   "MOD UEPOLICY:IMSI=460000100000031,RFSP=2;", "RMV SUB:IMSI=460000100000031;", "LST CMD:NETYPE=UDM;",
                                   "HELP DSP AUTHDAT;", "DSP UEPOLICY:IMSI=\"4600, 001\";", "date"]

    func run() async -> BenchmarkOutcome {
        do {
            return try await measure()
        } catch {
            return BenchmarkOutcome(name: Self.name, target: "0 crashes, 0 HTTP 500", error: error)
        }
    }

    private func measure() async throws -> BenchmarkOutcome {
        guard let nesimPath else { throw BenchmarkError("--nesim is needed for the fuzz run") }
        let directory = try TemporaryDirectory(prefix: "omc-fuzz")
        defer { directory.remove() }
        let simulator = try await NESimulatorProcess.start(executable: nesimPath, generate: "UDM:1,PCF:1,UPF:1",
                                                           dataDirectory: directory.file("nesim"), logPath: directory.file("nesim.log"))
        let omc = try await InProcessOMC.start(dataDirectory: directory.file("omc"), configuration: """
            server:
              host: 127.0.0.1
              port: 0
              logLevel: error
            plugins:
              - id: ne
              - id: security
                config:
                  adminPassword: "\(Self.firstPassword)"
                  captchaEnabled: false
                  passwordCost: 1
                  maxFailedLoginsPerSource: 100000
              - id: udm
              - id: pcf
              - id: trace
              - id: upf
            """, catalog: PluginCatalog([NEManagementPlugin.self, SecurityPlugin.self, UDMPlugin.self, PCFPlugin.self,
                                          TracePlugin.self, UPFPlugin.self]))
        var target = FuzzTarget(runtime: omc.runtime)
        do {
            try await target.logIn(first: Self.firstPassword, password: Self.password)
            for element in simulator.elements { try await target.register(element) }
            let tally = try await fuzz(&target)
            try await omc.stop()
            _ = await simulator.stop()
            return tally.outcome(name: Self.name)
        } catch {
            try? await omc.stop()
            _ = await simulator.stop()
            throw error
        }
    }

    private func fuzz(_ target: inout FuzzTarget) async throws -> FuzzTally {
        var generator = FuzzInputs(seed: seed, corpus: try HostileInput.corpus())
        var tally = FuzzTally()
        let routes = try await target.routes().filter { !Self.skipped.contains("\($0.method) \($0.path)") }
        let bodyRoutes = routes.filter { $0.method != "GET" }
        let uploadRoutes = bodyRoutes.filter { ["import", "avatar", "pushFile", "upload"].contains(where: $0.path.contains) }
        let seeds = try UploadSeeds(in: NSTemporaryDirectory())
        let parserInputs = inputs * 4 / 10, mmlInputs = inputs / 10, uploadInputs = inputs / 10
        let bodyInputs = inputs - parserInputs - mmlInputs - uploadInputs
        report("  \(routes.count) routes (\(bodyRoutes.count) with bodies, \(uploadRoutes.count) taking uploads), seed \(seed)")

        let started = ContinuousClock.now
        for _ in 0..<parserInputs {
            let line = String(decoding: generator.mutated(Array(generator.pick(Self.mmlSeeds).utf8)), as: UTF8.self)
            tally.countParse((try? MMLParser.parse(line)) != nil)
        }
        tally.lap("MML parser", parserInputs, since: started)

        var phase = ContinuousClock.now
        for _ in 0..<mmlInputs {
            let line = generator.mutated(Array(generator.pick(Self.mmlSeeds).utf8))
            let body = generator.below(4) == 0 ? generator.mutated(Array("{\"mml\":[\"DSP AUTHDAT:IMSI=460000100000030\"]}".utf8))
                : Array("{\"mml\":[".utf8) + Array(String(decoding: try JSONEncoder().encode(String(decoding: line, as: UTF8.self)), as: UTF8.self).utf8) + Array("],\"confirm\":true}".utf8)
            let neType = generator.pick(["udm", "pcf", "upf", "omc"])
            tally.record(try await target.send("POST", "/api/rest/opeartionManagement/v1/elementType/\(neType)/objectType/mml",
                                               query: "ne_id=001", body: body, contentType: "application/json"), "MML route")
        }
        tally.lap("MML route", mmlInputs, since: phase)

        phase = ContinuousClock.now
        for index in 0..<bodyInputs {
            let route = bodyRoutes[index % bodyRoutes.count]
            let object = generator.jsonObject()
            let body = generator.below(3) == 0 ? generator.mutated(object) : object
            let path = route.path.replacingOccurrences(of: #"\{[A-Za-z0-9_]+\}"#, with: generator.pick(["001", "1", "udm", "460000100000030"]),
                                                       options: .regularExpression)
            let query = generator.pick(["neId=001", "ne_id=001", "neId=001&imsi=460000100000030", "pageNum=1&pageSize=10", ""])
            tally.record(try await target.send(route.method, path, query: query, body: body, contentType: "application/json"),
                         "\(route.method) \(route.path)")
        }
        tally.lap("JSON bodies", bodyInputs, since: phase)

        phase = ContinuousClock.now
        for index in 0..<uploadInputs {
            let route = uploadRoutes[index % uploadRoutes.count]
            let (fileName, content) = seeds.pick(&generator)
            let file = generator.below(2) == 0 ? generator.mutated(content) : content
            let boundary = "fuzz\(index)"
            var body = MultipartPart.encode([MultipartPart(name: "file", fileName: fileName, content: file),
                                             .field("updateSupport", generator.pick(["true", "false", "x"]))], boundary: boundary)
            if generator.below(4) == 0 { body = generator.mutated(body) }
            let path = route.path.replacingOccurrences(of: #"\{[A-Za-z0-9_]+\}"#, with: "001", options: .regularExpression)
            tally.record(try await target.send(route.method, path, query: "neId=001&ne_id=001", body: body,
                                               contentType: "multipart/form-data; boundary=\(boundary)"), "\(route.method) \(route.path)")
        }
        tally.lap("uploads", uploadInputs, since: phase)
        return tally
    }
}
