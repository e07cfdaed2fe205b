import Foundation
import NIOSSL
@testable import OMCHost
import OMCTestSupport
import PluginAPI
import Testing

/// HTTPS serving: the certificate named in plugins.yaml, TLS 1.2 or later, reloaded without a
/// restart, bad files refused before anything listens, and plain HTTP refused where the network
/// could read it.
@Suite struct TLSServingTests {
    static func tlsLines(_ pair: TestCertificates.Pair, reloadCheckSeconds: Int = 10) -> [String] {
        ["tls:", "  certificateFile: \(pair.certificate)", "  keyFile: \(pair.key)", "  reloadCheckSeconds: \(reloadCheckSeconds)"]
    }

    @Test func servesHTTPSVerifiedAgainstTheSiteCAWithSecurityHeaders() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await TestServer.start(Self.tlsLines(certificates.good))
        #expect(server.baseURL.hasPrefix("https://"))
        let client = try TLSClient(caFile: certificates.caFile)
        let viewer = ["Authorization": "Bearer viewer-token"]
        let byName = try await client.get("https://localhost:\(server.port)/inventory/items", headers: viewer)
        let served = try await client.get(server.baseURL + "/inventory/items", headers: viewer)
        let refused = try await client.get(server.baseURL + "/inventory/items")
        let missing = try await client.get(server.baseURL + "/no/such/page", headers: viewer)
        #expect(byName.status == 200 && served.status == 200 && refused.status == 401 && missing.status == 404)
        for answer in [served, refused, missing] {
            #expect(answer.headers["strict-transport-security"] == "max-age=31536000")
            #expect(answer.headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'")
            #expect(answer.headers["x-content-type-options"] == "nosniff")
            #expect(answer.headers["referrer-policy"] == "no-referrer")
            #expect(answer.headers["x-frame-options"] == "DENY")
        }
        // A client trusting another CA refuses the OMC's certificate.
        let stranger = try TLSClient(caFile: certificates.otherCAFile)
        await #expect(throws: (any Error).self) { _ = try await stranger.get(server.baseURL + "/inventory/items") }
        await stranger.shutdown()
        await client.shutdown()
        try await server.stop()
    }

    @Test func refusesTLS11AndAcceptsTLS12() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await TestServer.start(Self.tlsLines(certificates.good))
        let old = try TLSClient(caFile: certificates.caFile, maximumVersion: .tlsv11)
        let refusal = await #expect(throws: (any Error).self) { _ = try await old.get(server.baseURL + "/inventory/items") }
        #expect("\(String(describing: refusal))".contains("ALERT_PROTOCOL_VERSION"), "\(String(describing: refusal))")
        await old.shutdown()
        let current = try TLSClient(caFile: certificates.caFile, maximumVersion: .tlsv12)
        #expect(try await current.get(server.baseURL + "/inventory/items").status == 401)
        await current.shutdown()
        try await server.stop()
    }

    @Test func aRenewedCertificateIsServedWithoutARestartAndABadOneIsNot() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let live = TestCertificates.Pair(certificate: certificates.folder.appendingPathComponent("live.pem").path,
                                         key: certificates.folder.appendingPathComponent("live.key").path)
        try FileManager.default.copyItem(atPath: certificates.good.certificate, toPath: live.certificate)
        try FileManager.default.copyItem(atPath: certificates.good.key, toPath: live.key)
        let server = try await TestServer.start(Self.tlsLines(live, reloadCheckSeconds: 1))
        let siteClient = try TLSClient(caFile: certificates.caFile)
        let otherClient = try TLSClient(caFile: certificates.otherCAFile)
        let url = server.baseURL + "/inventory/items"
        #expect(try await siteClient.get(url).status == 401)

        // The new certificate is signed by the other CA: only its client can tell it is served.
        try Data(contentsOf: URL(fileURLWithPath: certificates.unknownCA.key)).write(to: URL(fileURLWithPath: live.key))
        try Data(contentsOf: URL(fileURLWithPath: certificates.unknownCA.certificate)).write(to: URL(fileURLWithPath: live.certificate))
        var served = false
        for _ in 0..<60 where !served {
            try await Task.sleep(for: .milliseconds(250))
            served = (try? await otherClient.get(url).status) == 401
        }
        #expect(served, "the renewed certificate was not served within 15 s")
        let stale = try? await siteClient.get(url)
        #expect(stale == nil, "the certificate before the renewal is still served")

        // A broken file keeps the certificate before in service.
        try "not a certificate".write(toFile: live.certificate, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .seconds(3))
        #expect(try await otherClient.get(url).status == 401)
        await siteClient.shutdown()
        await otherClient.shutdown()
        try await server.stop()
    }

    @Test func badCertificateFilesStopTheStartWithTheirLine() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let folder = certificates.folder.path
        try "garbage".write(toFile: "\(folder)/garbage.pem", atomically: true, encoding: .utf8)
        let cases: [(TestCertificates.Pair, String)] = [
            (.init(certificate: "\(folder)/absent.pem", key: certificates.good.key),
             "plugins.yaml:5: server.tls.certificateFile: \(folder)/absent.pem does not exist"),
            (.init(certificate: "\(folder)/garbage.pem", key: certificates.good.key),
             "plugins.yaml:5: server.tls.certificateFile: \(folder)/garbage.pem holds no PEM certificate"),
            (.init(certificate: certificates.good.certificate, key: "\(folder)/garbage.pem"),
             "plugins.yaml:6: server.tls.keyFile: \(folder)/garbage.pem holds no unencrypted PEM private key"),
            (.init(certificate: certificates.good.certificate, key: certificates.renewed.key),
             "plugins.yaml:6: server.tls.keyFile: the key in \(certificates.renewed.key) does not belong to the certificate"),
            (.init(certificate: certificates.expired.certificate, key: certificates.expired.key),
             "plugins.yaml:5: server.tls.certificateFile: the certificate in \(certificates.expired.certificate) expired on 2020-02-01"),
        ]
        for (pair, expected) in cases {
            let error = await #expect(throws: ConfigurationError.self) { try await TestServer.start(Self.tlsLines(pair)).stop() }
            #expect(error?.description.hasPrefix(expected) == true, "\(String(describing: error))")
        }
    }

    @Test func refusesPlainHTTPOnAnAddressOthersCanReach() throws {
        let catalog = PluginCatalog([InventoryPlugin.self])
        let open = try PluginsFile.parse("server:\n  port: 0\n  host: 0.0.0.0\nplugins: []\n", path: "plugins.yaml")
        let error = #expect(throws: ConfigurationError.self) { _ = try HostAssembly.assemble(open, catalog: catalog) }
        #expect(error?.description.hasPrefix("plugins.yaml:3: server.host is 0.0.0.0, which other machines can reach, but server.tls is not set") == true)
        #expect(error?.description.contains("set server.allowPlainHTTP: true") == true)
        let lookalike = try PluginsFile.parse("server:\n  host: 127.example.net\n", path: "plugins.yaml")
        #expect(throws: ConfigurationError.self) { _ = try HostAssembly.assemble(lookalike, catalog: catalog) }
        for lines in ["  host: 0.0.0.0\n  allowPlainHTTP: true", "  host: 127.0.0.2", "  host: 0.0.0.0\n  tls: { certificateFile: c.pem, keyFile: k.pem }",
                      "  host: 127.0.0.1", "  host: localhost", "  host: ::1"] {
            let file = try PluginsFile.parse("server:\n\(lines)\nplugins: []\n", path: "plugins.yaml")
            _ = try HostAssembly.assemble(file, catalog: catalog)
        }
    }

    @Test func serverSectionsAreCheckedKeyByKey() throws {
        let error = #expect(throws: ConfigurationError.self) {
            _ = try PluginsFile.parse("""
                server:
                  tls: { certificateFile: c.pem, reloadCheckSeconds: 0, colour: blue }
                  neTLS: { caFile: ca.pem, elements: ["UDM/", "PCF"], caOverrides: ["UDM/001"] }
                  maxConnections: 0
                  headerTimeoutSeconds: 9999
                """, path: "plugins.yaml")
        }
        let text = error?.description ?? ""
        for expected in ["plugins.yaml:2: server.tls.keyFile is required", "plugins.yaml:2: unknown key 'colour' in server.tls",
                         "server.tls.reloadCheckSeconds is 0, but it", "plugins.yaml:3: server.neTLS.elements has 'UDM/', which names no NE",
                         "plugins.yaml:3: server.neTLS.caOverrides has 'UDM/001', which is not NE=FILE",
                         "plugins.yaml:4: server.maxConnections is 0", "plugins.yaml:5: server.headerTimeoutSeconds is 9999"] {
            #expect(text.contains(expected), "\(expected) missing from:\n\(text)")
        }
        let file = try PluginsFile.parse("""
            server:
              neTLS: { caFile: ca.pem, elements: [udm, PCF/002], caOverrides: ["PCF=pcf-ca.pem", "UDM/001 = udm1.pem"] }
            """, path: "plugins.yaml")
        let tls = try #require(file.server.neTLS)
        #expect(tls.usesHTTPS(type: "UDM", id: "007") && tls.usesHTTPS(type: "PCF", id: "002") && !tls.usesHTTPS(type: "PCF", id: "001"))
        #expect(tls.caFile(type: "UDM", id: "001") == "udm1.pem" && tls.caFile(type: "UDM", id: "002") == "ca.pem")
        #expect(tls.caFile(type: "PCF", id: "002") == "pcf-ca.pem")
        #expect(file.server.maxConnections == 4096 && file.server.headerTimeoutSeconds == 10 && file.server.idleTimeoutSeconds == 60)
    }
}

/// `omc serve` as a separate process: SIGHUP reloads the certificate, a bad one stops the start.
@Suite struct TLSProcessTests {
    @Test func sighupServesARenewedCertificate() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let live = TestCertificates.Pair(certificate: certificates.folder.appendingPathComponent("live.pem").path,
                                         key: certificates.folder.appendingPathComponent("live.key").path)
        try FileManager.default.copyItem(atPath: certificates.good.certificate, toPath: live.certificate)
        try FileManager.default.copyItem(atPath: certificates.good.key, toPath: live.key)
        let omc = try OMCProcess(configuration: """
            server:
              tls: { certificateFile: \(live.certificate), keyFile: \(live.key), reloadCheckSeconds: 3600 }
            plugins: []
            """)
        #expect(omc.baseURL.absoluteString.hasPrefix("https://127.0.0.1:"))
        let otherClient = try TLSClient(caFile: certificates.otherCAFile)
        let siteClient = try TLSClient(caFile: certificates.caFile)
        let url = omc.baseURL.absoluteString + "/"
        #expect(try await siteClient.get(url).status == 200)
        try Data(contentsOf: URL(fileURLWithPath: certificates.unknownCA.key)).write(to: URL(fileURLWithPath: live.key))
        try Data(contentsOf: URL(fileURLWithPath: certificates.unknownCA.certificate)).write(to: URL(fileURLWithPath: live.certificate))
        kill(omc.process.processIdentifier, SIGHUP)
        var served = false
        for _ in 0..<40 where !served {
            try await Task.sleep(for: .milliseconds(250))
            served = (try? await otherClient.get(url).status) == 200
        }
        #expect(served, "SIGHUP did not bring the renewed certificate within 10 s")
        await otherClient.shutdown()
        await siteClient.shutdown()
        let (status, log) = omc.stop()
        #expect(status == 0, "\(log)")
    }

    @Test func anExpiredCertificateStopsTheStartBeforeListening() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let config = certificates.folder.appendingPathComponent("plugins.yaml")
        try """
            server:
              port: 0
              dataDir: \(certificates.folder.appendingPathComponent("data").path)
              tls:
                certificateFile: \(certificates.expired.certificate)
                keyFile: \(certificates.expired.key)
            plugins: []
            """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = OMCProcess.executable
        process.arguments = ["serve", "--config", config.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(!printed.contains("listening"), "\(printed)")
        #expect(log.contains("\(config.path):5: server.tls.certificateFile: the certificate in \(certificates.expired.certificate) expired on 2020-02-01T00:00:00Z; install a renewed certificate"), "\(log)")
        #expect(!FileManager.default.fileExists(atPath: certificates.folder.appendingPathComponent("data/omc.sqlite").path),
                "the database was opened before the certificate was checked")
    }
}
