import Crypto
import Foundation
import NEMaintenance
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import ZIPFoundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A simulated site with the `ne` and `nemaint` plugins, AMF and SMF NEs, and the helpers the
/// maintenance tests share: packages, the simulator's maintenance switches, waiting for operations.
enum MaintenanceSite {
    static let plugins: [any OMCPlugin.Type] = [NEManagementPlugin.self, NEMaintenancePlugin.self, AMFFixture.self, SMFFixture.self]

    static func configuration(restartTimeoutSeconds: Int = 30, extra: String = "") -> String {
        """
        server:
          neTimeoutMilliseconds: 3000
        plugins:
          - id: ne
          - id: amf-fixture
          - id: smf-fixture
          - id: nemaint
            config:
              restartTimeoutSeconds: \(restartTimeoutSeconds)
        \(extra)
        """
    }

    static func run<Value>(generate: String = "AMF:2", restartTimeoutSeconds: Int = 30, clock: ManualClock = ManualClock(),
                           _ body: (SimulatedSite) async throws -> Value) async throws -> Value {
        try await SimulatedSite.run(plugins: plugins, configuration: configuration(restartTimeoutSeconds: restartTimeoutSeconds),
                                    generate: generate, clock: clock, body)
    }

    /// A package zip: `manifest.json` naming `neType` and `version`, and `payload` bytes of content.
    static func package(neType: String, version: String, payload: Int = 4096) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        let manifest = Data(#"{"neType":"\#(neType)","version":"\#(version)"}"#.utf8)
        try archive.addEntry(with: "manifest.json", type: .file, uncompressedSize: Int64(manifest.count)) { position, size in
            manifest.subdata(in: Int(position)..<Int(position) + size)
        }
        let content = Data((0..<payload).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try archive.addEntry(with: "bin/\(neType.lowercased())", type: .file, uncompressedSize: Int64(content.count)) { position, size in
            content.subdata(in: Int(position)..<Int(position) + size)
        }
        return Array(archive.data ?? Data())
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Uploads `bytes` as package `version` of `neType`.
    static func upload(_ site: SimulatedSite, neType: String, version: String, bytes: [UInt8], fields: [MultipartPart] = []) async -> MockResponse {
        await site.host.send(.post, "/api/rest/systemManagement/v1/\(neType)/software/\(version)",
                             multipart: fields + [MultipartPart(name: "file", fileName: "\(neType.lowercased())-\(version).zip",
                                                                contentType: "application/zip", content: bytes)])
    }

    /// Puts a package of `size` bytes straight into the OMC's package folder and table, as an upload
    /// would leave it (the NE checks only its SHA-256).
    static func placePackage(_ site: SimulatedSite, neType: String, version: String, size: Int) async throws {
        let folder = "\(site.host.dataDirectory)/nemaint/packages/\(neType)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let bytes = [UInt8](repeating: 0x5A, count: size)
        guard FileManager.default.createFile(atPath: "\(folder)/\(version).zip", contents: Data(bytes)) else {
            throw StepFailure(step: "placing package \(version)", status: 0, answer: folder)
        }
        let sha256 = sha256(bytes)
        try await site.host.database.write { db in
            try db.execute("""
                INSERT INTO nemaint_package (ne_type, version, file_name, size, sha256, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, 'test', 0)
                """, [.text(neType), .text(version), .text("\(version).zip"), .int(size), .text(sha256)])
        }
    }

    /// Tells the simulated NE `key` which maintenance steps to fail and how long it restarts.
    static func maintenance(_ site: SimulatedSite, _ key: String, failAt: [String], restartSeconds: Double? = nil) async throws {
        try await maintenance(controlURL: site.simulator.controlURL, key, failAt: failAt, restartSeconds: restartSeconds)
    }

    /// ``maintenance(_:_:failAt:restartSeconds:)`` through the control API at `controlURL`.
    static func maintenance(controlURL: String, _ key: String, failAt: [String], restartSeconds: Double? = nil) async throws {
        var body: [String: Any] = ["failAt": failAt]
        if let restartSeconds { body["restartSeconds"] = restartSeconds }
        guard let url = URL(string: "\(controlURL)/control/ne/\(key)/maintenance") else { throw StepFailure(step: "control", status: 0, answer: "") }
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw StepFailure(step: "maintenance \(key)", status: status, answer: String(decoding: data, as: UTF8.self)) }
    }

    /// Waits (up to 30 real seconds) until the simulated NE `key` has closed its socket, as it does
    /// when it restarts.
    static func waitUntilOffline(_ site: SimulatedSite, _ key: String) async throws {
        guard let url = URL(string: "\(site.simulator.controlURL)/control/ne/\(key)") else { throw StepFailure(step: "control", status: 0, answer: "") }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let (data, _) = try await URLSession.shared.data(from: url)
            if (try? JSONDecoder().decode(JSONValue.self, from: data))?["data"]?["listening"]?.boolValue == false { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StepFailure(step: "waiting for \(key) to restart", status: 0, answer: "still listening after 30 s")
    }

    /// The NE's own software state, asked behind the OMC's back.
    static func neSoftware(_ site: SimulatedSite, _ key: String) async throws -> JSONValue {
        let type = key.split(separator: "/")[0].lowercased()
        let body = try await site.askNEExpectingSuccess(key, "GET", "/api/rest/systemManagement/v1/elementType/\(type)/objectType/software")
        return (try JSONDecoder().decode(JSONValue.self, from: Data(body)))["data"] ?? .null
    }

    /// Waits (up to 60 real seconds) until operation `id` has ended; returns it.
    static func finished(_ site: SimulatedSite, operation id: String) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let operation = await site.send(.get, "/monitor/operation/\(id)").data ?? .null
            if let state = operation["state"]?.stringValue, state != "running" { return operation }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw StepFailure(step: "waiting for operation \(id)", status: 0, answer: "still running after 60 s")
    }
}
