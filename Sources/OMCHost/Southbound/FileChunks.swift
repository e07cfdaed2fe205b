import Foundation
import NIOCore

/// A file read as 64 KiB chunks, so that pushing a large file to an NE never holds it in memory.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let path: String
    /// Hears the bytes handed out so far.
    let sent: (@Sendable (Int) -> Void)?

    init?(path: String, sent: (@Sendable (Int) -> Void)? = nil) {
        guard FileManager.default.isReadableFile(atPath: path) else { return nil }
        self.path = path
        self.sent = sent
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let sent: (@Sendable (Int) -> Void)?
        var count = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let handle, let data = try handle.read(upToCount: 64 * 1024), !data.isEmpty else {
                try handle?.close()
                return nil
            }
            count += data.count
            sent?(count)
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: FileHandle(forReadingAtPath: path), sent: sent)
    }
}
