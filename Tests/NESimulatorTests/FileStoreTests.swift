import Foundation
import Testing
@testable import NESimulator

/// Which relative paths an NE accepts for pushed files.
@Suite("File paths")
struct FileStoreTests {
    let store = FileStore(root: URL(fileURLWithPath: "/data/UDM-001"))

    @Test("relative paths land under the NE's folder")
    func accepted() throws {
        #expect(try store.location(of: "a.txt").path == "/data/UDM-001/a.txt")
        #expect(try store.location(of: "conf/sub/b.cfg").path == "/data/UDM-001/conf/sub/b.cfg")
        #expect(try store.location(of: "..hidden").path == "/data/UDM-001/..hidden")
    }

    @Test("unsafe or empty paths are refused")
    func refused() {
        for path in [nil, "", "/etc/passwd", "../x", "a/../../x", "a/..", "./a", "a//b", "a/", "a\\b", "a\u{0}b",
                     String(repeating: "x", count: 256)] {
            #expect(throws: NEReplyError.self, "\(String(describing: path))") { try store.location(of: path) }
        }
    }
}
