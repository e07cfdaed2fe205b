import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PluginAPI

/// The real `omc` executable with **every plugin this build bundles** enabled (as `omc plugins list`
/// names them), serving on a free loopback port: what a site runs, so that a walk over its routes
/// covers plugins added after this test was written.
// @unchecked Sendable: every stored property is a `let` set in `init`; the one mutable object,
// `process`, is only touched by `init`, `stop` and `deinit`, which never run at the same time (the
// test starts, uses, then shuts the process down, awaiting each step).
final class BundledOMC: @unchecked Sendable {
    let baseURL: String
    let routes: [(method: String, path: String, permission: String, owner: String)]
    private let process = Process()
    private let folder: URL

    /// `omc` next to the test bundle (`swift build` puts both in one folder), or `OMC_BINARY`.
    static var executable: String {
        if let path = ProcessInfo.processInfo.environment["OMC_BINARY"] { return path }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("omc").path
    }

    /// Starts the process. Spawning and waiting for its first line block a thread, so that happens
    /// on a Dispatch thread: blocking one of Swift's few cooperative threads would stall every other
    /// test running in this process meanwhile.
    static func start(securityConfig: [String: String]) async throws -> BundledOMC {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try BundledOMC(securityConfig: securityConfig) })
            }
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Stops the process, off the cooperative threads (see ``start(securityConfig:)``).
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.stop()
                continuation.resume()
            }
        }
    }

    private init(securityConfig: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("plugins.yaml").path
        try "plugins: []\n".write(toFile: config, atomically: true, encoding: .utf8)
        let ids = try Self.run(["plugins", "list", "--config", config]).split(separator: "\n").dropFirst()
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        var yaml = "plugins:\n"
        for id in ids {
            yaml += "  - id: \(id)\n"
            if id == "security" {
                yaml += "    config:\n" + securityConfig.sorted { $0.key < $1.key }.map { "      \($0.key): \($0.value)\n" }.joined()
            }
        }
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        routes = try Self.run(["routes", "--config", config]).split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            return columns.count >= 4 ? (columns[0], columns[1], columns[2], columns[3]) : nil
        }
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--config", config, "--port", "0", "--data-dir", folder.appendingPathComponent("data").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let start = text.range(of: "http://"), let end = text[start.lowerBound...].firstIndex(of: " ") else {
            process.terminate()
            throw TestFailure("omc serve did not report listening: \(text)")
        }
        baseURL = String(text[start.lowerBound..<end])
    }

    private func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sends a request; the answer's status and JSON body (`.null` when not JSON).
    func send(_ method: String, _ path: String, token: String? = nil, json: JSONValue? = nil) async throws -> (status: Int, body: JSONValue) {
        guard let url = URL(string: baseURL + path) else { throw TestFailure("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = Data(try JSONBody.encode(json))
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null)
    }

    /// Sends `body` as it is (JSON unless `contentType` says otherwise); the answer's status and text.
    func send(_ method: String, _ path: String, token: String?, body: Data?,
              contentType: String = "application/json") async throws -> (status: Int, text: String) {
        guard let url = URL(string: baseURL + path) else { throw TestFailure("bad path \(path.prefix(200))") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    func token(_ userName: String, _ password: String) async throws -> String {
        let answer = try await send("POST", "/login", json: ["username": .string(userName), "password": .string(password)])
        guard let token = answer.body["data"]?["access_token"]?.stringValue else { throw TestFailure("login of \(userName): \(answer.body)") }
        return token
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("omc \(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
