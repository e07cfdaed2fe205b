import Foundation
import Synchronization

/// Collects what a pipe delivers, on a background thread, so reading never blocks a test.
final class OutputCollector: Sendable {
    private let data = Mutex(Data())

    func follow(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.withLock { $0.append(chunk) }
            }
            try? handle.close()
        }
    }

    var text: String { String(decoding: data.withLock { $0 }, as: UTF8.self) }
    var lines: [String] { text.split(separator: "\n").map(String.init) }
}
