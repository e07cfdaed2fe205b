import Foundation

/// Reads a file line by line in 1 MiB chunks, handing each line's bytes (without `\n` or `\r\n`) to
/// a closure: memory stays flat whatever the file's size.
struct LineReader {
    let path: String

    /// Calls `body` with every line and its 1-based number, the last line even without a final
    /// newline. `body` returns `false` to stop early.
    func forEachLine(_ body: (ArraySlice<UInt8>, Int) throws -> Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var number = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                number += 1
                var end = newline
                if end > start, pending[end - 1] == 0x0D { end -= 1 }
                guard try body(pending[start..<end], number) else { return }
                start = newline + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty {
            number += 1
            if pending.last == 0x0D { pending.removeLast() }
            _ = try body(pending[...], number)
        }
    }
}
