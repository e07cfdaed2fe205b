import Foundation

/// Reads a batch file as parts of at most `linesPerPart` lines, each part headed by the file's
/// header line when it has one (``TabularText``), for a batch sent to the NE in parts. Memory
/// holds one part and one 1 MiB chunk.
final class BatchParts {
    private let handle: FileHandle
    private let linesPerPart: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var header: [UInt8] = []

    /// Opens `path`; with `header`, its first line heads every part.
    init(path: String, linesPerPart: Int, header: Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        self.linesPerPart = linesPerPart
        if header { self.header = try nextLine() ?? [] }
    }

    deinit {
        try? handle.close()
    }

    /// The next part's bytes and its number of lines (the header not counted); `nil` at the end.
    func next() throws -> (bytes: [UInt8], lines: Int)? {
        var part = header
        var lines = 0
        while lines < linesPerPart, let line = try nextLine() {
            guard line.contains(where: { $0 != 0x0A && $0 != 0x0D }) else { continue }
            part += line
            lines += 1
        }
        return lines == 0 ? nil : (part, lines)
    }

    /// The next line with its `\n` (added to a last line without one).
    private func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                defer { position = newline + 1 }
                return Array(buffer[position...newline])
            }
            if exhausted {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return Array(buffer[position...]) + [0x0A]
            }
            buffer.removeSubrange(..<position)
            position = 0
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                exhausted = true
            }
        }
    }
}
