import Foundation
import Hummingbird
import Logging
import NIOEmbedded
import Testing
@testable import NESimulator

/// Streaming uploads to disk within the size limit.
@Suite("File uploads")
struct FileUploadTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nesim-upload-\(UUID().uuidString)")

    func context() -> NERequestContext {
        NERequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test")))
    }

    func body(_ chunks: [String]) -> AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
            continuation.finish()
        }
    }

    @Test("chunks are written to the file and replace an earlier one")
    func stored() async throws {
        let store = FileStore(root: folder, maximumSize: 10)
        #expect(try await store.store(body(["abc", "de"]), at: "x/y.txt", announcedLength: nil, context: context()) == 5)
        #expect(try await store.store(body(["0123456789"]), at: "x/y.txt", announcedLength: 10, context: context()) == 10)
        #expect(try String(contentsOf: folder.appendingPathComponent("x/y.txt"), encoding: .utf8) == "0123456789")
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("an upload past the limit is refused with 413 and leaves nothing behind")
    func tooLarge() async throws {
        let store = FileStore(root: folder, maximumSize: 10)
        for announced in [nil, 11] {
            do {
                _ = try await store.store(body(["0123456", "789", "X"]), at: "big.bin", announcedLength: announced, context: context())
                Issue.record("expected 413")
            } catch let error as NEReplyError {
                #expect(error.status == 413)
            }
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(left.isEmpty)
        try? FileManager.default.removeItem(at: folder)
    }
}
