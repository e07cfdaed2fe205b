import Foundation

/// What a long-running child prints: its standard output as chunks stamped when they arrive, its
/// standard error (the log) in a file that error messages quote.
enum ChildOutput {
    typealias Chunk = (bytes: Data, arrival: ContinuousClock.Instant)

    /// An empty log file at `path`, open for the child's standard error.
    static func createLog(at path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let log = FileHandle(forWritingAtPath: path) else {
            throw BenchmarkError("cannot create the log file \(path)")
        }
        return log
    }

    /// The chunks `pipe` delivers. Timestamps are taken as the bytes arrive, not when the benchmark
    /// gets round to parsing them.
    static func chunks(of pipe: Pipe) -> AsyncStream<Chunk> {
        let (output, continuation) = AsyncStream.makeStream(of: Chunk.self)
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let bytes = handle.availableData
            if bytes.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
            } else {
                continuation.yield((bytes, ContinuousClock.now))
            }
        }
        return output
    }

    /// The end of the log at `path`, for error messages.
    static func tail(of path: String, lines: Int = 5) -> String {
        guard let log = try? String(contentsOfFile: path, encoding: .utf8), !log.isEmpty else { return "its log is empty" }
        return "end of its log (\(path)):\n" + log.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
