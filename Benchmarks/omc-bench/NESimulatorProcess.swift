import Foundation
import PluginAPI

/// `omc-nesim` as a child process, playing NEs on loopback ports. A separate process, as in
/// production, so that the NEs' work does not share the OMC's threads.
final class NESimulatorProcess: Sendable {
    /// One NE as the simulator announced it: `NE AMF/001 http://127.0.0.1:PORT`.
    struct Element: Sendable {
        let type: String
        let id: String
        let port: Int

        var key: String { "\(type)/\(id)" }
    }

    /// In the order the simulator printed them, which is the order of their ids.
    let elements: [Element]
    /// `http://127.0.0.1:PORT` of the control API that switches faults.
    let controlURL: String
    private let child: ChildProcess
    private let logPath: String

    private init(elements: [Element], controlURL: String, child: ChildProcess, logPath: String) {
        self.elements = elements
        self.controlURL = controlURL
        self.child = child
        self.logPath = logPath
    }

    /// Spawns `omc-nesim --generate <generate> --control-port 0` and waits for its `ready` line.
    /// Its files go to `dataDirectory`, its log (standard error) to `logPath`.
    static func start(executable: String, generate: String, dataDirectory: String, logPath: String,
                      timeout: Duration = .seconds(60)) async throws -> NESimulatorProcess {
        let log = try ChildOutput.createLog(at: logPath)
        let pipe = Pipe()
        let output = ChildOutput.chunks(of: pipe)
        let child = ChildProcess(executable: executable,
                                 arguments: ["--generate", generate, "--control-port", "0", "--data-dir", dataDirectory],
                                 standardOutput: pipe, standardError: log)
        try child.start()
        try? log.close()  // the child has its own descriptor now
        do {
            let lines = try await startLines(output, timeout: timeout)
            return try parse(lines, child: child, logPath: logPath)
        } catch {
            _ = await child.terminate()
            throw BenchmarkError("omc-nesim did not start: \(error); \(ChildOutput.tail(of: logPath))")
        }
    }

    /// The lines printed before `ready`.
    private static func startLines(_ output: AsyncStream<ChildOutput.Chunk>, timeout: Duration) async throws -> [String] {
        let lines = try await withTimeout(timeout) {
            var pending = Data()
            var lines: [String] = []
            for await chunk in output {
                pending.append(chunk.bytes)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending = Data(pending[(newline + 1)...])
                    if line == "ready" { return lines }
                    lines.append(line)
                }
            }
            try Task.checkCancellation()
            throw BenchmarkError("it exited before printing 'ready'")
        }
        guard let lines else { throw BenchmarkError("no 'ready' line within \(timeout)") }
        return lines
    }

    /// `NE <TYPE>/<id> http://HOST:PORT` lines, then `control http://HOST:PORT`.
    private static func parse(_ lines: [String], child: ChildProcess, logPath: String) throws -> NESimulatorProcess {
        let nePattern = /^NE ([A-Za-z0-9]+)\/([A-Za-z0-9_-]+) http:\/\/[^ ]+:(\d+)$/
        let controlPattern = /^control (http:\/\/[^ ]+:\d+)$/
        var elements: [Element] = []
        var control: String?
        for line in lines {
            if let match = line.wholeMatch(of: nePattern), let port = Int(match.3) {
                elements.append(Element(type: String(match.1), id: String(match.2), port: port))
            } else if let match = line.wholeMatch(of: controlPattern) {
                control = String(match.1)
            } else {
                throw BenchmarkError("unexpected start line '\(line)'")
            }
        }
        guard let control else { throw BenchmarkError("no 'control http://…' line before 'ready'") }
        return NESimulatorProcess(elements: elements, controlURL: control, child: child, logPath: logPath)
    }

    /// Sets the fault mode of one NE through the control API: `none`, or `delay` with `delayMs`.
    func setFault(_ element: Element, mode: String, delayMs: Int? = nil) async throws {
        var body: [String: JSONValue] = ["mode": .string(mode)]
        if let delayMs { body["delayMs"] = .number(Double(delayMs)) }
        let answer = try await JSONHTTP.send("PUT", "\(controlURL)/control/ne/\(element.type)/\(element.id)/fault", json: .object(body))
        guard answer.status == 200 else {
            throw BenchmarkError("omc-nesim refused fault \(mode) on \(element.key): HTTP \(answer.status) \(answer.body)")
        }
    }

    /// SIGTERM, then waits for the exit; SIGKILL if it takes longer than `grace`.
    func stop(grace: Duration = .seconds(10)) async -> Int32 {
        await child.terminate(grace: grace)
    }

    /// The end of the simulator's log, for error messages.
    func logTail() -> String {
        ChildOutput.tail(of: logPath)
    }
}
