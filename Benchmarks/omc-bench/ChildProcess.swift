import Foundation
import Synchronization

/// A child process whose exit is awaited without blocking a thread: the concurrency pool also
/// runs the in-process servers, so a blocked thread would skew their figures.
final class ChildProcess: Sendable {
    let process: Process
    private let exitSignal = ExitSignal()

    /// Prepares `executable` with `arguments`; ``start()`` launches it.
    init(executable: String, arguments: [String], standardOutput: Pipe, standardError: FileHandle?) {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = standardOutput
        process.standardError = standardError ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exitSignal = self.exitSignal
        process.terminationHandler = { process in exitSignal.signal(process.terminationStatus) }
    }

    func start() throws {
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// The exit status (or terminating signal), once the process has exited.
    func exitStatus() async -> Int32 {
        await exitSignal.wait()
    }

    /// Sends SIGTERM and waits for the exit; sends SIGKILL if the process is still there after `grace`.
    func terminate(grace: Duration = .seconds(15)) async -> Int32 {
        guard process.isRunning else { return await exitStatus() }
        process.terminate()
        let pid = self.pid
        let killer = Task {
            try await Task.sleep(for: grace)
            kill(pid, SIGKILL)
        }
        let status = await exitStatus()
        killer.cancel()
        return status
    }

    /// Runs `executable` to completion and returns its standard output. For short outputs only:
    /// the pipe is read after the exit, so the output must fit in the pipe's buffer.
    static func output(of executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let pipe = Pipe()
        let child = ChildProcess(executable: executable, arguments: arguments, standardOutput: pipe, standardError: nil)
        try child.start()
        let status = await child.exitStatus()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return (status, String(decoding: data, as: UTF8.self))
    }
}

/// The exit of a process, awaitable from any number of tasks, before or after it happens.
private final class ExitSignal: Sendable {
    private enum State {
        case running(waiters: [CheckedContinuation<Int32, Never>])
        case exited(Int32)
    }

    private let state = Mutex(State.running(waiters: []))

    func signal(_ status: Int32) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int32, Never>] in
            guard case .running(let waiters) = state else { return [] }
            state = .exited(status)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = state.withLock { state -> Int32? in
                switch state {
                case .exited(let status):
                    return status
                case .running(var waiters):
                    waiters.append(continuation)
                    state = .running(waiters: waiters)
                    return nil
                }
            }
            if let status { continuation.resume(returning: status) }
        }
    }
}
