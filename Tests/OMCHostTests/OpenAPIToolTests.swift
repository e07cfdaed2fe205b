import Foundation
import OMCTestSupport
import PluginAPI
import Testing

/// The live `/openapi.json` of an OMC running every bundled plugin, read by the pinned PyPI tools of
/// `scripts/python-test-tools.txt`: it validates, a client generated from it provisions through the
/// API, and a bounded schemathesis run finds no server error. A missing tool fails with the command
/// that installs it.
@Suite(.serialized) struct OpenAPIToolTests {
    static let firstPassword = "First#Start9x"
    static let password = "Omc#Pass42y"
    static let configuration = """
        server:
          logLevel: warning
          neTimeoutMilliseconds: 2000
        plugins:
          - id: ne
          - id: security
            config: { adminPassword: "\(firstPassword)", captchaEnabled: false, passwordCost: 1 }
          - id: udm
          - id: trace
          - id: upf
          - id: pcf
          - id: nemaint
          - id: fault
          - id: performance
          - id: system
          - id: amf
          - id: smf
          - id: ims
          - id: n3iwf
        """

    /// A scratch folder for the document, the generated client and reports.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omc-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Logs `admin` in with `password` and returns the token.
    static func token(_ omc: OMCProcess, _ password: String) async throws -> String {
        let answer = try await omc.json("POST", "/login", ["username": "admin", "password": .string(password)])
        return try #require(answer["data"]?["access_token"]?.stringValue, "login: \(answer)")
    }

    /// `/openapi.json` as served, written to `folder/openapi.json`.
    static func document(_ omc: OMCProcess, token: String, into folder: URL) async throws -> URL {
        let answer = try await omc.request("GET", "/openapi.json", headers: ["Authorization": "Bearer \(token)"])
        #expect(answer.status == 200)
        let file = folder.appendingPathComponent("openapi.json")
        try answer.body.write(to: file)
        return file
    }

    @Test func aMissingToolFailsWithTheCommandThatInstallsIt() throws {
        let empty = try Self.folder()
        defer { try? FileManager.default.removeItem(at: empty) }
        do {
            _ = try PythonTestTools.executable("schemathesis", in: empty)
            Issue.record("a tool was found in an empty folder")
        } catch let failure as PythonTestTools.Failure {
            #expect(failure.description.hasPrefix("schemathesis is not installed in \(empty.path): run `make test`"))
            #expect(failure.description.contains("scripts/install-python-test-tools.sh") && failure.description.contains("scripts/python-test-tools.txt"))
        }
    }

    @Test func theLiveDocumentValidatesAndAGeneratedClientLogsInRegistersAnNEAndAddsASubscriber() async throws {
        _ = try PythonTestTools.executable("openapi-spec-validator")
        _ = try PythonTestTools.executable("openapi-python-client")
        let simulator = try SimulatorProcess(generate: "UDM:1")
        defer { simulator.stop() }
        let omc = try OMCProcess(configuration: Self.configuration)
        defer { _ = omc.stop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try await Self.document(omc, token: try await Self.token(omc, Self.firstPassword), into: folder)

        let validation = try await PythonTestTools.run("openapi-spec-validator", [spec.path], in: folder)
        #expect(validation.status == 0, "\(validation.output)")

        let client = folder.appendingPathComponent("omc_client")
        // Every tool runs in the scratch folder: what they leave behind (caches, reports) goes with it.
        let generation = try await PythonTestTools.run("openapi-python-client", [
            "generate", "--path", spec.path, "--meta", "none", "--output-path", client.path,
            "--config", PythonTestTools.script("client-config.yaml"),
        ], in: folder)
        #expect(generation.status == 0, "\(generation.output)")
        let walk = try await PythonTestTools.run("python", [
            PythonTestTools.script("generated_client_walk.py"), "--client", folder.path, "--base-url", omc.baseURL.absoluteString,
            "--first-password", Self.firstPassword, "--password", Self.password, "--ne-port", String(simulator.port("UDM/001")),
        ], in: folder)
        #expect(walk.status == 0, "\(walk.output)")
        #expect(walk.output.contains("subscriber 460001000000001 on UDM/001"), "\(walk.output)")

        // What the client did is what the API shows to anyone else.
        let token = try await Self.token(omc, Self.password)
        let listed = try await omc.request("GET", "/ne/udm/sub/list?neId=001", headers: ["Authorization": "Bearer \(token)"])
        let rows = (try? JSONDecoder().decode(JSONValue.self, from: listed.body))?["rows"]?.arrayValue ?? []
        #expect(rows.compactMap { $0["imsi"]?.stringValue } == ["460001000000001"])
    }

    @Test func aBoundedSchemathesisRunFindsNoServerError() async throws {
        _ = try PythonTestTools.executable("schemathesis")
        let simulator = try SimulatorProcess(generate: "UDM:1,PCF:1")
        defer { simulator.stop() }
        let omc = try OMCProcess(configuration: Self.configuration)
        defer { _ = omc.stop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await Self.token(omc, Self.firstPassword)
        let change = try await omc.request("PUT", "/system/user/profile/updatePwd", body: Data(try JSONBody.encode(
            ["oldPassword": .string(Self.firstPassword), "newPassword": .string(Self.password)] as JSONValue)),
            headers: ["Authorization": "Bearer \(first)", "Content-Type": "application/json"])
        #expect(change.status == 200)
        let token = try await Self.token(omc, Self.password)
        for key in ["UDM/001", "PCF/001"] {
            #expect(try await omc.register(key, playedBy: simulator, token: token)["code"]?.intValue == 200)
        }
        let spec = try await Self.document(omc, token: token, into: folder)
        let run = try await PythonTestTools.run("python", [
            PythonTestTools.script("schemathesis_run.py"), spec.path, "--url", omc.baseURL.absoluteString, "--token", token,
            "--max-examples", "3", "--seed", "20261206",
        ], in: folder, timeout: .seconds(600))
        #expect(run.status == 0, "\(run.output.suffix(6000))")
    }
}
