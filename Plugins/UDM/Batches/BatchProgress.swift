import Foundation
import PluginAPI
import Synchronization

/// The running batches (batch add, batch delete, import), for `GET /ne/udm/batch/list` and the
/// journal (a running batch is never settled behind its back). Each batch is a long operation
/// (``PluginContext/operations``) whose id is the batch's: its phase and `done` come from there.
final class BatchProgress: Sendable {
    /// One running batch, as `batch/list` shows it.
    struct Entry: Sendable, Encodable {
        let id: String
        /// Follow or cancel it at `/monitor/operation/{operationId}`.
        let operationId: String
        let neId: String
        let resource: String
        let operation: String
        let phase: String
        let done: Int
        let total: Int
        let startedAt: String
    }

    private struct Running: Sendable {
        let neID: String
        let resource: String
        let operation: String
        let tracker: LongOperation
        let startedAt: String
    }

    private let entries = Mutex<[String: Running]>([:])

    /// Records a new batch, its id being `tracker`'s.
    func begin(_ tracker: LongOperation, neID: String, resource: String, operation: String, startedAt: Date) {
        let running = Running(neID: neID, resource: resource, operation: operation, tracker: tracker,
                              startedAt: DocumentTime.formatISO8601(startedAt))
        entries.withLock { $0[tracker.id] = running }
    }

    /// Forgets a finished batch.
    func end(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// Ids of the running batches.
    var runningIDs: Set<String> { entries.withLock { Set($0.keys) } }

    /// Every running batch, oldest first.
    var running: [Entry] {
        entries.withLock { Array($0.values) }.map { running in
            let now = running.tracker.snapshot
            return Entry(id: running.tracker.id, operationId: running.tracker.id, neId: running.neID, resource: running.resource,
                         operation: running.operation, phase: now.phase, done: now.done, total: now.total ?? 0, startedAt: running.startedAt)
        }.sorted { $0.startedAt < $1.startedAt }
    }
}
