import Foundation

/// Writes text to a new file through a 1 MiB buffer, so that a million-line batch file costs one
/// buffer of memory.
final class LineWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20
    /// Bytes written so far.
    private(set) var size = 0

    /// Creates (or truncates) the file at `path`, readable by its owner only.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(Self.flushSize)
    }

    /// Appends `text`.
    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        size += text.utf8.count
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes what is buffered, forces it to disk and closes the file.
    func close() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
