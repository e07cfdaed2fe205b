public import Foundation

/// The pinned Python tools of `scripts/python-test-tools.txt` (openapi-spec-validator,
/// openapi-python-client, schemathesis), installed by `make test` into `.build/python-test-tools`
/// or `$OMC_PYTHON_TOOLS`, and the scripts under `scripts/openapi/` that drive them.
public enum PythonTestTools {
    /// A tool is not installed, or a run failed; the message says what to do.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The repository's root, from this file's place in it.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The virtual environment holding the tools.
    public static var environment: URL {
        if let path = ProcessInfo.processInfo.environment["OMC_PYTHON_TOOLS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(".build/python-test-tools")
    }

    /// `bin/<name>` of the environment (`in`, by default ``environment``), or ``Failure`` saying how
    /// to install it.
    public static func executable(_ name: String, in environment: URL = environment) throws -> URL {
        let url = environment.appendingPathComponent("bin").appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw Failure(description: "\(name) is not installed in \(environment.path): run `make test`, or "
                + "`scripts/install-python-test-tools.sh` once, to install the pinned Python test tools of scripts/python-test-tools.txt")
        }
        return url
    }

    /// A script under `scripts/openapi/`.
    public static func script(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("scripts/openapi").appendingPathComponent(name).path
    }

    /// Runs `tool` (from the environment) with `arguments` and returns its exit status and its
    /// standard output and error together. The process is waited for on a Dispatch thread, never on
    /// the cooperative pool, and terminated after `timeout`.
    public static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil,
                           timeout: Duration = .seconds(300)) async throws -> (status: Int32, output: String) {
        let executable = try executable(tool)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("python-tool-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw Failure(description: "cannot create \(log.path) for the output of \(tool)")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        if let directory { process.currentDirectoryURL = directory }
        let seconds = Double(timeout.components.seconds)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    try process.run()
                    let deadline = DispatchTime.now() + seconds
                    let finished = DispatchSemaphore(value: 0)
                    DispatchQueue.global().async { process.waitUntilExit(); finished.signal() }
                    if finished.wait(timeout: deadline) == .timedOut {
                        process.terminate()
                        finished.wait()
                    }
                    continuation.resume(returning: process.terminationStatus)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (status, output)
    }
}
