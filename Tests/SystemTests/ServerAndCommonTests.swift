import Crypto
import Foundation
import OMCTesting
import PluginAPI
import System
import Testing

/// `/monitor/system-info`, `/monitor/load`, `/common/hash`, `/common/hmac`, `/sys-conf` and
/// `/helpDoc` through the host.
@Suite struct ServerAndCommonTests {
    static let plugins: [any OMCPlugin.Type] = [FixtureIdentityPlugin.self, SystemPlugin.self]
    let admin = FixtureIdentityPlugin.admin

    func members(_ value: JSONValue?) -> [String: JSONValue]? {
        if case .object(let members)? = value { return members }
        return nil
    }

    @Test func describesTheRealMachine() async throws {
        try await MockHost.run(Self.plugins) { host in
            let info = await host.send(.get, "/monitor/system-info", headers: admin)
            #expect(info.code == 200, "\(info.text)")
            let data = try #require(info.data)
            let cores = data["cpu"]?["coreUsed"]?.arrayValue ?? []
            #expect(data["cpu"]?["core"]?.intValue == cores.count && !cores.isEmpty)
            #expect(cores.allSatisfy { Double($0.stringValue ?? "") .map { (0...100).contains($0) } ?? false })
            #expect(data["memory"]?["totalmem"]?.stringValue?.hasSuffix("B") == true)
            #expect(Double(data["memory"]?["usage"]?.stringValue ?? "").map { (0...100).contains($0) } == true)
            #expect(data["system"]?["processId"]?.intValue == Int(ProcessInfo.processInfo.processIdentifier))
            #expect(data["system"]?["platform"]?.stringValue == "linux")
            #expect(data["time"]?["current"]?.stringValue == DocumentTime.format(host.clock.now()))
            #expect(data["time"]?["timezone"]?.stringValue?.hasPrefix("GMT") == true)
            let disks = data["disk"]?.arrayValue ?? []
            #expect(!disks.isEmpty && disks.allSatisfy { $0["pcent"]?.stringValue?.hasSuffix("%") == true && $0["target"]?.stringValue?.hasPrefix("/") == true })
            #expect(members(data["network"])?.values.contains { $0.stringValue?.contains("IPv4 127.0.0.1") == true } == true)
            #expect(data["project"]?["version"]?.stringValue?.isEmpty == false)
            #expect(await host.send(.get, "/monitor/system-info", headers: FixtureIdentityPlugin.viewer).code == 200)
            #expect(await host.send(.get, "/monitor/system-info").status == 401)
        }
    }

    @Test func samplesItsOwnLoadEveryMinuteAndAnswersARange() async throws {
        let configuration = """
            plugins:
              - id: keyring
              - id: system
                config:
                  loadRetentionDays: 1
            """
        try await MockHost.run(Self.plugins, configuration: configuration) { host in
            let start = Int64(host.clock.now().timeIntervalSince1970 * 1000)
            for _ in 0..<3 {
                try await Task.sleep(for: .milliseconds(150))   // real time, so the kernel's CPU counters move between samples
                await host.clock.advance(by: 60)
            }
            let end = Int64(host.clock.now().timeIntervalSince1970 * 1000)
            let all = await host.send(.get, "/monitor/load?type=all&startTime=\(start)&endTime=\(end)", headers: admin)
            let samples = all.data?.arrayValue ?? []
            #expect(samples.count == 3, "\(all.text)")
            #expect(samples.map { $0["time"]?.intValue ?? 0 } == (1...3).map { Int(start) + $0 * 60_000 })
            #expect(samples.first?["cpu"] == nil)   // no earlier sample to measure against
            #expect(samples.last.flatMap { $0["cpu"]?.numberValue }.map { (0...100).contains($0) } == true)
            #expect(samples.allSatisfy { $0["memory"]?.numberValue.map { (0...100).contains($0) } == true })
            #expect(samples.last?["netIn"]?.numberValue.map { $0 >= 0 } == true)

            let cpu = await host.send(.get, "/monitor/load?type=cpu&startTime=\(start)&endTime=\(end)", headers: admin)
            #expect(members(cpu.data?.arrayValue?.last).map { Set($0.keys) } == ["time", "cpu"])
            let range = await host.send(.get, "/monitor/load?type=memory&startTime=\(end)&endTime=\(end)", headers: admin)
            #expect(range.data?.arrayValue?.count == 1)

            #expect(await host.send(.get, "/monitor/load?type=disk&startTime=0&endTime=1", headers: admin).status == 400)
            #expect(await host.send(.get, "/monitor/load?type=all&startTime=5&endTime=1", headers: admin).msg == "endTime: must not be before startTime")
            #expect(await host.send(.get, "/monitor/load?type=all&startTime=0&endTime=1&neType=UDM", headers: admin).status == 400)

            // Kept one day.
            await host.clock.advance(by: 2 * 86_400)
            let kept = await host.send(.get, "/monitor/load?type=all&startTime=\(start)&endTime=\(end)", headers: admin)
            #expect(kept.data?.arrayValue?.isEmpty == true)
        }
    }

    @Test func digestsWithTheDocumentsAlgorithmsAndTheSitesKey() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("system-hmac-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await MockHost.run(Self.plugins) { host in
            let md5 = try await host.send(.post, "/common/hash", json: ["type": "md5", "str": "admin"] as JSONValue, headers: admin)
            #expect(md5.data?.stringValue == "21232f297a57a5a743894a0e4a801fc3")
            let sha1 = try await host.send(.post, "/common/hash", json: ["type": "SHA1", "str": "admin"] as JSONValue, headers: admin)
            #expect(sha1.data?.stringValue == "d033e22ae348aeb5660fc2140aec35850c4da997")
            let bad = try await host.send(.post, "/common/hash", json: ["type": "crc32", "str": "x"] as JSONValue, headers: admin)
            #expect(bad.status == 400 && bad.msg?.hasPrefix("type: must be one of") == true)

            let mac = try await host.send(.post, "/common/hmac", json: ["type": "sha256", "str": "admin"] as JSONValue, headers: admin)
            let keyPath = host.dataDirectory + "/system/hmac.key"
            let key = try #require(FileManager.default.contents(atPath: keyPath))
            #expect(key.count == 32)
            let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let expected = HMAC<SHA256>.authenticationCode(for: Array("admin".utf8), using: SymmetricKey(data: key)).map { String(format: "%02x", $0) }.joined()
            #expect(mac.data?.stringValue == expected)
            // Not the caller's token.
            let withToken = HMAC<SHA256>.authenticationCode(for: Array("admin".utf8), using: SymmetricKey(data: Array("admin-token".utf8)))
                .map { String(format: "%02x", $0) }.joined()
            #expect(mac.data?.stringValue != withToken)
            let again = try await host.send(.post, "/common/hmac", json: ["type": "sha256", "str": "admin"] as JSONValue, headers: admin)
            #expect(again.data == mac.data)
            #expect(try await host.send(.post, "/common/hmac", json: ["type": "sha256", "str": "x"] as JSONValue,
                                        headers: FixtureIdentityPlugin.viewer).status == 403)
        }
    }

    @Test func servesTheSiteConfigurationAndHelpDocuments() async throws {
        try await MockHost.run(Self.plugins) { host in
            let configuration = await host.send(.get, "/sys-conf", headers: admin)
            #expect(configuration.code == 200)
            #expect(configuration.json?["system"]?["languages"]?.arrayValue?.compactMap(\.stringValue) == ["en_US", "zh_CN"])
            #expect(configuration.json?["data"]?.arrayValue != nil)
            #expect(await host.send(.get, "/sys-conf").status == 401)

            let missing = try await host.send(.post, "/helpDoc", json: ["uploadPath": "x", "language": "zh_CN"] as JSONValue, headers: admin)
            #expect(missing.status == 404 && missing.msg?.contains("no help document is installed for zh_CN") == true)
            #expect(missing.msg?.contains(host.dataDirectory) == false)
            let folder = host.dataDirectory + "/system/helpDoc"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("%PDF-1.4 help".utf8).write(to: URL(fileURLWithPath: folder + "/zh_CN.pdf"))
            let found = try await host.send(.post, "/helpDoc", json: ["uploadPath": "x", "language": "zh_CN"] as JSONValue, headers: admin)
            #expect(found.json?["code"]?.intValue == 1 && found.json?["data"]?.stringValue == "/helpDoc/file/zh_CN.pdf")
            let file = await host.send(.get, "/helpDoc/file/zh_CN.pdf", headers: admin)
            #expect(file.status == 200 && file.text == "%PDF-1.4 help")
            #expect([400, 404].contains(await host.send(.get, "/helpDoc/file/..%2F..%2Fhmac.key", headers: admin).status))
            #expect(try await host.send(.post, "/helpDoc", json: ["language": "fr_FR"] as JSONValue, headers: admin).status == 400)
        }
    }
}
