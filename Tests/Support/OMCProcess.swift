public import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc serve` running as a separate process on a free loopback port, with its own data folder
/// (shared by every test target that runs the `omc` executable).
public final class OMCProcess {
    public let process = Process()
    public let baseURL: URL
    public let dataDirectory: URL
    private let errorPipe = Pipe()
    /// Standard error as read so far: drained as it comes, so that a chatty log level never fills
    /// the pipe and blocks the process.
    private let errorLog: ErrorLog

    private final class ErrorLog: Sendable {
        let data = Mutex(Data())
    }

    /// The `omc` executable next to the test bundle (`swift build` puts both in the same folder),
    /// or `OMC_BINARY`.
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["OMC_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("omc")
    }

    /// Starts `omc serve --config <yaml> --port 0 --data-dir <temp>` and waits for its listening line.
    /// `dataDirectory` reuses the data of an earlier process (a restart); `environment` adds to or
    /// overrides the test process's environment.
    public init(configuration: String = "plugins: []\n", arguments: [String] = [], dataDirectory: URL? = nil,
                environment: [String: String] = [:]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.dataDirectory = dataDirectory ?? folder.appendingPathComponent("data")
        let config = folder.appendingPathComponent("plugins.yaml")
        try configuration.write(to: config, atomically: true, encoding: .utf8)
        process.executableURL = Self.executable
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.arguments = ["serve", "--config", config.path, "--port", "0", "--data-dir", self.dataDirectory.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorPipe
        let errorLog = ErrorLog()
        self.errorLog = errorLog
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            errorLog.data.withLock { $0.append(chunk) }
        }
        try process.run()
        let line = Self.readLine(from: output.fileHandleForReading, timeout: 20)
        guard let line, let range = line.range(of: "https://") ?? line.range(of: "http://"), let end = line[range.lowerBound...].firstIndex(of: " "),
              let url = URL(string: String(line[range.lowerBound..<end])) else {
            process.terminate()
            throw OMCProcessError.notListening(line ?? "(no output)")
        }
        baseURL = url
    }

    /// Kills the process with SIGKILL, as a power cut would, waits for it to die, and returns what it
    /// wrote on standard error.
    @discardableResult
    public func killHard() -> String {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return drainedLog()
    }

    /// Sends SIGTERM and waits for the process to exit; returns its exit status and standard error.
    public func stop() -> (status: Int32, log: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return (process.terminationStatus, drainedLog())
    }

    /// Standard error of the exited process, whole.
    private func drainedLog() -> String {
        errorPipe.fileHandleForReading.readabilityHandler = nil
        let rest = errorPipe.fileHandleForReading.readDataToEndOfFile()
        return errorLog.data.withLock { data in
            data.append(rest)
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The most memory the process has held so far (`VmHWM`), in MiB.
    public func peakResidentMebibytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw OMCProcessError.notListening("no VmHWM in /proc/\(process.processIdentifier)/status")
        }
        return kibibytes / 1024
    }

    /// The size of the largest file in the data folder, in bytes.
    public func largestFileInDataFolder() throws -> Int {
        let files = FileManager.default.enumerator(at: dataDirectory, includingPropertiesForKeys: [.fileSizeKey])
        var largest = 0
        while let file = files?.nextObject() as? URL {
            largest = max(largest, try file.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0)
        }
        return largest
    }

    /// Sends a request and returns status, headers and body.
    public func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: URL(string: baseURL.absoluteString + path)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] { fields[String(describing: key).lowercased()] = String(describing: value) }
        return (http?.statusCode ?? 0, fields, data)
    }

    private static func readLine(from handle: FileHandle, timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = Data()
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self) }
            buffer.append(chunk)
            if let newline = buffer.firstIndex(of: 0x0A) { return String(decoding: buffer[..<newline], as: UTF8.self) }
        }
        return nil
    }
}

public enum OMCProcessError: Error {
    case notListening(String)
}
