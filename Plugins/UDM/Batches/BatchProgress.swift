import Foundation
import PluginAPI
import Synchronization

/// Where every running batch (batch add, batch delete, import) stands, for
/// `GET /ne/udm/batch/list` and the progress lines in the log.
final class BatchProgress: Sendable {
    /// One running batch.
    struct Entry: Sendable, Encodable {
        let id: String
        let neId: String
        let resource: String
        let operation: String
        var phase: String
        var done: Int
        var total: Int
        let startedAt: String
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Records a new batch.
    func begin(id: String, neID: String, resource: String, operation: String, startedAt: Date) {
        let entry = Entry(id: id, neId: neID, resource: resource, operation: operation, phase: "checking",
                          done: 0, total: 0, startedAt: DocumentTime.formatISO8601(startedAt))
        entries.withLock { $0[id] = entry }
    }

    /// Moves a batch to `phase` with `done` of `total` records handled.
    func update(_ id: String, phase: String, done: Int, total: Int) {
        entries.withLock { entries in
            entries[id]?.phase = phase
            entries[id]?.done = done
            entries[id]?.total = total
        }
    }

    /// Forgets a finished batch.
    func end(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// Every running batch, oldest first.
    var running: [Entry] { entries.withLock { Array($0.values) }.sorted { $0.startedAt < $1.startedAt } }
}
