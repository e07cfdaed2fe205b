import Foundation
import NESimulator
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `omc-nesim` running as a separate process, started from a YAML text or generator arguments; knows
/// the URLs it printed.
final class SimulatorProcess {
    let process = Process()
    let folder: URL
    private let output = OutputCollector()
    private let errors = OutputCollector()
    /// `UDM/001` → `http://127.0.0.1:PORT`, from the `NE …` lines.
    private(set) var neURLs: [String: URL] = [:]
    /// The `control …` line's URL.
    private(set) var controlURL = URL(fileURLWithPath: "/")
    /// The session requests to this simulator go through; invalidated by ``stop()``.
    let session = URLSession(configuration: .ephemeral)

    /// The `omc-nesim` executable next to the test bundle, or `OMC_NESIM_BINARY`.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["OMC_NESIM_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("omc-nesim")
    }

    /// Starts the simulator with `yaml` written to `sim.yaml` (when given) plus `arguments`, without
    /// waiting for it.
    init(yaml: String? = nil, arguments: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nesim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var all = arguments
        if let yaml {
            let file = folder.appendingPathComponent("sim.yaml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            all = ["--config", file.path] + all
        }
        process.executableURL = Self.executable
        process.arguments = all
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The child has its copies; closing ours lets the readers see end-of-file when it exits, so no
        // descriptor outlives the test.
        try? out.fileHandleForWriting.close()
        try? err.fileHandleForWriting.close()
        output.follow(out.fileHandleForReading)
        errors.follow(err.fileHandleForReading)
    }

    /// Starts the simulator and waits for `ready`; throws with its standard error if it does not come.
    static func started(yaml: String? = nil, arguments: [String] = [], timeout: TimeInterval = 60) async throws -> SimulatorProcess {
        let simulator = try SimulatorProcess(yaml: yaml, arguments: arguments)
        try await simulator.waitUntilReady(timeout: timeout)
        return simulator
    }

    /// The path of the data folder tests pass with `--data-dir`.
    var dataDirectory: URL { folder.appendingPathComponent("data") }

    private func waitUntilReady(timeout: TimeInterval) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = output.lines.compactMap(StartupLine.init(parsing:))
            if lines.contains(.ready) {
                for line in lines {
                    switch line {
                    case .ne(let type, let id, let url): neURLs["\(type)/\(id)"] = url
                    case .control(let url): controlURL = url
                    case .ready: break
                    }
                }
                return
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { process.terminate() }
        throw SimulatorProcessError.notReady(stdout: output.text, stderr: errors.text)
    }

    /// The URL of one NE; fails the test when it was not printed.
    func url(_ key: String) throws -> URL {
        guard let url = neURLs[key] else { throw SimulatorProcessError.noSuchNE(key) }
        return url
    }

    /// Waits for the process to end by itself; returns its status, stdout and stderr.
    func waitForExit(timeout: TimeInterval = 30) async throws -> (status: Int32, stdout: String, stderr: String) {
        defer { session.invalidateAndCancel() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw SimulatorProcessError.didNotExit
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Let the readers drain what the process wrote last.
        try await Task.sleep(for: .milliseconds(100))
        return (process.terminationStatus, output.text, errors.text)
    }

    /// A request to this simulator.
    func send(_ method: String, _ url: URL, body: Data? = nil, timeout: TimeInterval = 15) async throws -> HTTPCall.Answer {
        try await HTTPCall.send(method, url, body: body, timeout: timeout, session: session)
    }

    /// A request with a JSON body to this simulator.
    func send(_ method: String, _ url: URL, json: String, timeout: TimeInterval = 15) async throws -> HTTPCall.Answer {
        try await HTTPCall.send(method, url, json: json, timeout: timeout, session: session)
    }

    /// Sends SIGTERM and waits for the exit.
    @discardableResult
    func stop() async throws -> (status: Int32, stdout: String, stderr: String) {
        session.invalidateAndCancel()
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let result = try await waitForExit()
        try? FileManager.default.removeItem(at: folder)
        return result
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
