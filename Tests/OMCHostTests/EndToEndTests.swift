import Foundation
import OMCTestSupport
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc serve` as a real process on loopback, spoken to over HTTP.
@Suite(.serialized) struct EndToEndTests {
    func json(_ data: Data) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: data) }

    @Test func servesTheHostsEndpointsOverHTTP() async throws {
        let omc = try OMCProcess()
        let home = try await omc.request("GET", "/")
        #expect(home.status == 200)
        #expect(json(home.body) == .object(["code": .number(200), "msg": .string("")]))
        #expect(home.headers["x-request-id"]?.isEmpty == false)

        let mml = try await omc.request("POST", "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml",
                                        body: Data(#"{"mml": ["date", "LST CMD", "dsp x:"]}"#.utf8))
        let results = try #require(json(mml.body)?["data"]?.arrayValue)
        #expect(results.map { $0["code"]?.intValue } == [200, 200, 404])
        #expect(results[0]["output"]?.stringValue?.count == "2026-11-23 19:48:31 +00:00".count)

        let metrics = try await omc.request("GET", "/metrics")
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        #expect(text.contains(#"omc_http_requests_total{method="GET",route="/",status="2xx"} 1"#))
        #expect(text.contains(#"omc_mml_commands_total{result="success"} 2"#))
        #expect(text.contains("omc_http_request_duration_seconds_bucket"))

        let openAPI = try #require(json(try await omc.request("GET", "/openapi.json").body))
        #expect(openAPI["openapi"]?.stringValue == "3.1.0")
        #expect(openAPI["paths"]?["/metrics"]?["get"]?["summary"]?.stringValue == "Prometheus metrics of the OMC")
        let (status, log) = omc.stop()
        #expect(status == 0)
        #expect(log.contains("OMC stopped"))
    }

    @Test func answersBadRequestsPreciselyAndKeepsServing() async throws {
        let omc = try OMCProcess(configuration: "server:\n  requestBodyLimit: 1024\nplugins: []\n")
        let unknown = try await omc.request("GET", "/no/such/route")
        #expect(unknown.status == 404 && json(unknown.body)?["msg"]?.stringValue == "no route for GET /no/such/route")
        let malformed = try await omc.request("POST", "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml", body: Data("{\"mml\": [".utf8))
        #expect(malformed.status == 400 && json(malformed.body)?["msg"]?.stringValue?.hasPrefix("malformed JSON") == true)
        let tooLarge = try await omc.request("POST", "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml",
                                             body: Data(repeating: 0x20, count: 4096))
        #expect(tooLarge.status == 413)
        #expect(json(tooLarge.body)?["msg"]?.stringValue == "request body is 4096 bytes; POST /api/rest/opeartionManagement/v1/elementType/{neType}/objectType/mml accepts at most 1024 bytes")
        let wrongType = try await omc.request("POST", "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml", body: Data(#"{"mml": [1]}"#.utf8))
        #expect(json(wrongType.body)?["msg"]?.stringValue == "mml[0]: must be a string")
        #expect(try await omc.request("GET", "/").status == 200)
        #expect(omc.stop().status == 0)
    }

    @Test func refusesABadConfigurationBeforeListening() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("plugins.yaml")
        try "server:\n  port: 8080\nplugins:\n  - id: nonexistent\n".write(to: config, atomically: true, encoding: .utf8)
        for arguments in [["plugins", "check", config.path], ["serve", "--config", config.path, "--port", "0", "--data-dir", folder.appendingPathComponent("d").path]] {
            let process = Process()
            process.executableURL = OMCProcess.executable
            process.arguments = arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            process.waitUntilExit()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 2)
            // The list names every bundled plugin, sorted; it grows as plugins are added.
            let listed = text.components(separatedBy: "use one of: ").last?.trimmingCharacters(in: .newlines).components(separatedBy: ", ") ?? []
            #expect(text.hasPrefix("\(config.path):4: unknown plugin 'nonexistent'; use one of: ") && text.hasSuffix("\n"), "\(text)")
            #expect(listed.contains("ne") && listed == listed.sorted(), "\(text)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d").path))
    }

    @Test func keepsItsDatabaseAcrossRestarts() async throws {
        let first = try OMCProcess()
        let database = first.dataDirectory.appendingPathComponent("omc.sqlite")
        #expect(first.stop().status == 0)
        #expect(FileManager.default.fileExists(atPath: database.path))
        let attributes = try FileManager.default.attributesOfItem(atPath: first.dataDirectory.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }
}
