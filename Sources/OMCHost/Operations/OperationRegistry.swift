import Foundation
import GRDB
import PluginAPI
import Synchronization

/// The host's record of long operations, in its own table `omc_operation` (written through the
/// host's connection, never a plugin's): running ones live in memory and are written at most once
/// a second each (``flushInterval``), finished ones when they end. At boot, rows a stop left
/// `running` become `interrupted`, keeping the progress last written.
final class OperationRegistry: Sendable {
    /// How often running operations that moved are written.
    static let flushInterval: Duration = .seconds(1)

    private struct Running {
        let operation: LongOperation
        var written: Int
    }

    private let database: HostDatabase
    private let clock: any OMCClock
    private let logger: PluginLogger
    private let running = Mutex<[String: Running]>([:])
    private let flusher = Mutex<Task<Void, Never>?>(nil)

    init(database: HostDatabase, clock: any OMCClock, logger: PluginLogger) {
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    /// Creates the table when missing and marks what a stop left running as interrupted.
    func prepare() throws {
        let now = DocumentTime.formatInstant(clock.now())
        let interrupted = try database.writer.write { db -> Int in
            try db.execute(sql: OperationRow.createTable)
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS omc_operation_started ON omc_operation (started_at)")
            let rows = try Row.fetchAll(db, sql: "SELECT id, phase, done, total FROM omc_operation WHERE state = 'running'")
            for row in rows {
                let total: Int? = row["total"]
                let done: Int = row["done"] ?? 0
                let phase: String = row["phase"] ?? ""
                let message = "the OMC stopped while this operation ran; last recorded: \(phase), \(done)"
                    + (total.map { " of \($0)" } ?? "") + "; what the plugin journals is settled at start (see settlement)"
                try db.execute(sql: "UPDATE omc_operation SET state = 'interrupted', message = ?, ended_at = ? WHERE id = ?",
                               arguments: [message, now, row["id"] as String?])
            }
            return rows.count
        }
        if interrupted > 0 { logger.warning("\(interrupted) operations left running by a stop are marked interrupted") }
    }

    /// Starts writing running operations that moved, until ``stop()``.
    func startFlushing() {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.flushInterval)
                guard let self else { return }
                await self.flush()
            }
        }
        flusher.withLock { $0 = task }
    }

    /// Stops writing (at shutdown); operations still running stay `running` in the table and
    /// become `interrupted` at the next boot.
    func stop() async {
        flusher.withLock { $0 }?.cancel()
        await flush()
    }

    /// The operations service one plugin's context offers.
    func service(for pluginID: String) -> any LongOperations {
        PluginOperations(registry: self, pluginID: pluginID)
    }

    func begin(pluginID: String, kind: String, title: String, caller: Caller?, total: Int?, id: String?, requestID: String?) async throws -> LongOperation {
        let clock = self.clock
        let snapshot = OperationSnapshot(
            operationId: id ?? UUID().uuidString.lowercased(), kind: StoredText.bounded(kind, limit: 100),
            title: StoredText.bounded(title, limit: 200), pluginId: pluginID, ownerId: caller?.userID, owner: caller?.userName,
            state: .running, phase: "starting", done: 0, total: total, rate: 0, errors: [], errorCount: 0, result: nil, message: nil,
            cancelRequested: false, settlement: nil, startedAt: DocumentTime.formatInstant(clock.now()), endedAt: nil)
        let operation = LongOperation(snapshot: snapshot, now: { clock.now() })
        let row = OperationRow(snapshot, requestID: requestID)
        try await database.writer.write { db in try row.insert(db) }
        running.withLock { $0[operation.id] = Running(operation: operation, written: operation.revision) }
        return operation
    }

    func end(_ operation: LongOperation) async {
        let row = OperationRow(operation.snapshot, requestID: nil)
        do {
            try await database.writer.write { db in try row.update(db) }
        } catch {
            logger.error("operation \(operation.id) could not be recorded as ended: \(error)")
        }
        _ = running.withLock { $0.removeValue(forKey: operation.id) }
    }

    func settled(_ id: String, _ outcome: String) async {
        let text = StoredText.bounded(outcome, limit: 2000)
        do {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE omc_operation SET settlement = ? WHERE id = ?", arguments: [text, id])
            }
        } catch {
            logger.error("the settlement of operation \(id) could not be recorded: \(error)")
        }
    }

    /// One operation: live when running in this process, else as the table has it.
    func snapshot(_ id: String) async throws -> OperationSnapshot? {
        if let live = running.withLock({ $0[id]?.operation }) { return live.snapshot }
        return try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM omc_operation WHERE id = ?", arguments: [id]).map(OperationRow.decode)
        }
    }

    /// A page of operations, newest first, live values for running ones.
    func list(_ filter: OperationFilter, page: PageRequest) async throws -> (rows: [OperationSnapshot], total: Int) {
        let (rows, total) = try await database.writer.read { db in
            let (condition, arguments) = filter.sql
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM omc_operation\(condition) ORDER BY started_at DESC, id LIMIT ? OFFSET ?",
                                        arguments: arguments + [page.pageSize, page.offset])
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM omc_operation\(condition)", arguments: arguments) ?? 0
            return (rows.map(OperationRow.decode), total)
        }
        let live = running.withLock { $0.mapValues(\.operation) }
        return (rows.map { live[$0.operationId]?.snapshot ?? $0 }, total)
    }

    /// Asks a running operation to stop; `false` when it is not running in this process.
    func cancel(_ id: String) async -> Bool {
        guard let operation = running.withLock({ $0[id]?.operation }), operation.requestCancel() else { return false }
        await flush()
        return true
    }

    private func flush() async {
        let moved = running.withLock { running in
            running.values.filter { $0.operation.revision != $0.written }.map(\.operation)
        }
        for operation in moved {
            let revision = operation.revision
            let row = OperationRow(operation.snapshot, requestID: nil)
            do {
                try await database.writer.write { db in try row.update(db) }
                running.withLock { $0[operation.id]?.written = revision }
            } catch {
                logger.error("progress of operation \(operation.id) could not be recorded: \(error)")
            }
        }
    }
}

/// What a plugin's context offers: the registry, with the plugin's id on every operation.
private struct PluginOperations: LongOperations {
    let registry: OperationRegistry
    let pluginID: String

    func begin(_ kind: String, title: String, for caller: Caller?, total: Int?, id: String?, requestID: String?) async throws -> LongOperation {
        try await registry.begin(pluginID: pluginID, kind: kind, title: title, caller: caller, total: total, id: id, requestID: requestID)
    }

    func end(_ operation: LongOperation) async {
        await registry.end(operation)
    }

    func settled(_ id: String, _ outcome: String) async {
        await registry.settled(id, outcome)
    }
}
