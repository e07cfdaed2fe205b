public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc-nesim` running as a separate process, playing the NEs of a generated or given configuration.
/// Shared by every test target that needs the simulator (NE management, trace, …).
public final class SimulatorProcess {
    /// The simulator's process.
    public let process = Process()
    /// `UDM/001` → port.
    public private(set) var ports: [String: Int] = [:]
    public private(set) var controlURL = ""
    /// Its data folder (`<folder>/<TYPE>-<id>/` holds one NE's files).
    public let folder: URL

    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["OMC_NESIM_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("omc-nesim")
    }

    /// Starts `omc-nesim --generate <generate>` (with `arguments`, like `--tls-cert`) and waits for `ready`.
    public init(generate: String, arguments: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nesim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process.executableURL = Self.executable
        process.arguments = ["--generate", generate, "--control-port", "0", "--data-dir", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
            if lines.contains("ready") {
                for line in lines {
                    let words = line.split(separator: " ").map(String.init)
                    if words.count == 3, words[0] == "NE", let port = URL(string: words[2])?.port { ports[words[1]] = port }
                    if words.count == 2, words[0] == "control" { controlURL = words[1] }
                }
                return
            }
        }
        process.terminate()
        throw SimulatorError.notReady(String(decoding: buffer, as: UTF8.self))
    }

    /// The port of the NE `UDM/001`, 0 when the simulator plays no such NE.
    public func port(_ key: String) -> Int { ports[key] ?? 0 }

    /// Switches a fault mode on an NE (`none`, `refuse`, `delay`, `malformed`, `close`, `flap`).
    public func fault(_ key: String, _ mode: String, delayMs: Int? = nil, flapSeconds: Double? = nil) async throws {
        var body: [String: Any] = ["mode": mode]
        if let delayMs { body["delayMs"] = delayMs }
        if let flapSeconds { body["flapSeconds"] = flapSeconds }
        var request = URLRequest(url: URL(string: "\(controlURL)/control/ne/\(key)/fault")!)
        request.httpMethod = "PUT"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw SimulatorError.control(String(decoding: data, as: UTF8.self))
        }
    }

    /// Gives the NE `key` (`UDM/001`) the push credential the OMC issued to it (`nil` withdraws it).
    public func setPushCredential(_ key: String, _ credential: String?) async throws {
        let body: [String: Any] = ["credential": credential ?? NSNull()]
        guard let url = URL(string: "\(controlURL)/control/ne/\(key)/credential") else { throw SimulatorError.control("no URL for \(key)") }
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw SimulatorError.control(String(decoding: data, as: UTF8.self))
        }
    }

    /// Stops the process and removes its data folder.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

/// Why the simulator could not be used.
public enum SimulatorError: Error {
    case notReady(String)
    case control(String)
}
