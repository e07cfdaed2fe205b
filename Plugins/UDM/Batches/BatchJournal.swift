import Foundation
import PluginAPI

/// Makes a change of many records (batch add, batch delete, import) reach both the NE and the OMC's
/// copy, or neither, even when the OMC is killed in the middle.
///
/// 1. The records are checked and written to a batch file under `<data>/udm/batches/`.
/// 2. A journal row (`udm_batch`) naming the file is committed.
/// 3. The file is sent to the NE with the batch id; the NE applies all of it or nothing, and applies
///    a batch id at most once.
/// 4. One OMC transaction applies the file to the OMC's copy and deletes the journal row.
///
/// A journal row found at start (or by the periodic job) means the OMC stopped between 2 and 4: the
/// NE is asked to settle the batch, which either reports it applied (then step 4 is redone from the
/// file) or makes sure it never will be (then the row and the file go). Until the NE answers, the
/// row stays; a new batch or a resetData on that NE settles it first, and fails while it cannot.
struct BatchJournal: Sendable {
    /// `add` writes records, `delete` removes IMSIs.
    enum Operation: String, Sendable {
        case add, delete
    }

    /// A batch ready to run: its file is written and closed.
    struct Batch: Sendable {
        let id: String
        let operation: Operation
        let neID: String
        let file: String
        let total: Int
        /// Who asked for it: the operation log names them when the batch is settled after a stop.
        let by: Operator
    }

    /// The operator a batch runs for, as the journal keeps them: the same as a single change's.
    typealias Operator = ChangeJournal.Operator

    /// Folder of the batch files.
    let folder: String
    let progress: BatchProgress

    /// A new batch id and the path of its file.
    func newFile() throws -> (id: String, path: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let id = UUID().uuidString.lowercased()
        return (id, "\(folder)/\(id).tsv")
    }

    /// Runs steps 2 to 4 for `batch` and returns the number of records changed in the OMC's copy.
    func run(_ batch: Batch, store: RecordStore, client: ProvisioningClient, context: PluginContext) async throws -> Int {
        let schema = store.schema
        let now = DocumentTime.formatISO8601(context.clock.now())
        try await context.database.write { db in
            try db.execute("""
                INSERT INTO udm_batch (id, ne_id, resource, operation, file, total, created_at, operator_name, operator_department, operator_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(batch.id), .text(batch.neID), .text(schema.resource), .text(batch.operation.rawValue),
                       .text(batch.file), .int(batch.total), .text(now), .text(batch.by.name), .text(batch.by.department), .text(batch.by.address)])
        }
        progress.update(batch.id, phase: "applying on NE \(client.element.key)", done: 0, total: batch.total)
        context.logger.info("batch \(batch.id): \(batch.operation.rawValue) \(batch.total) \(schema.noun) records on \(client.element.key)")
        let size = (try? FileManager.default.attributesOfItem(atPath: batch.file)[.size] as? Int) ?? 0
        do {
            switch batch.operation {
            case .add: _ = try await client.create(schema, .file(path: batch.file, size: size), batch: batch.id)
            case .delete: _ = try await client.delete(schema, .file(path: batch.file, size: size), strict: false, batch: batch.id)
            }
        } catch let refusal as OMCError where refusal.kind != .neTimeout && refusal.kind != .neFailure {
            // The NE answered and refused: nothing changed there, so nothing changes here.
            try await forget(batch, context: context)
            throw refusal
        } catch {
            // No answer: the NE may or may not have applied the batch. Settle it now if possible.
            guard let applied = try? await client.settle(batch: batch.id) else {
                throw OMCError(.neFailure, "\(error); batch \(batch.id) will be settled with NE \(client.element.key) when it answers again")
            }
            guard applied else {
                try await forget(batch, context: context)
                throw error
            }
        }
        progress.update(batch.id, phase: "recording in the OMC", done: 0, total: batch.total)
        return try await record(batch, store: store, context: context)
    }

    /// Step 4: applies the batch file to the OMC's copy and deletes the journal row, in one transaction.
    private func record(_ batch: Batch, store: RecordStore, context: PluginContext) async throws -> Int {
        let count = try await context.database.write { db in
            let changed = switch batch.operation {
            case .add: try store.insert(tabularFile: batch.file, neID: batch.neID, in: db)
            case .delete: try store.delete(listedIn: batch.file, neID: batch.neID, in: db)
            }
            try db.execute("DELETE FROM udm_batch WHERE id = ?", [.text(batch.id)])
            return changed
        }
        try? FileManager.default.removeItem(atPath: batch.file)
        context.logger.info("batch \(batch.id): \(count) records recorded in the OMC")
        return count
    }

    private func forget(_ batch: Batch, context: PluginContext) async throws {
        try await context.database.write { db in try db.execute("DELETE FROM udm_batch WHERE id = ?", [.text(batch.id)]) }
        try? FileManager.default.removeItem(atPath: batch.file)
    }

    /// Settles every journal row left by a stop between steps 2 and 4. Rows whose NE does not answer
    /// stay for the next call.
    func reconcile(stores: [RecordStore], bulkTimeout: Duration, context: PluginContext) async {
        let rows: [DatabaseRow]
        do {
            rows = try await pending(neID: nil, context: context)
        } catch {
            context.logger.error("cannot read the batch journal: \(error)")
            return
        }
        for row in rows {
            let neID = row.string("ne_id") ?? ""
            do {
                let client = try await ProvisioningClient.resolve(neID, context, bulkTimeout: bulkTimeout)
                try await settle(row, stores: stores, client: client, context: context)
            } catch {
                context.logger.warning("batch \(row.string("id") ?? "?") on UDM/\(neID) is still unsettled: \(error)")
            }
        }
    }

    /// Removes batch files no journal row names: a stop before step 2 leaves them, and nothing
    /// was sent to the NE for them. Called at start, before any batch can begin.
    func removeOrphans(context: PluginContext) async throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard !files.isEmpty else { return }
        let named = Set(try await context.database.read { db in try db.query("SELECT file FROM udm_batch", []) }.compactMap { $0.string("file") })
        for file in files where !named.contains("\(folder)/\(file)") {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(file)")
            context.logger.info("removed \(file): a batch the OMC stopped before sending")
        }
    }

    /// Settles the unsettled batches of the NE `client` talks to before a new batch or a reload, so
    /// that one NE's journal never holds two; throws when the NE cannot settle them.
    func settlePending(stores: [RecordStore], client: ProvisioningClient, context: PluginContext) async throws {
        for row in try await pending(neID: client.element.neID, context: context) {
            try await settle(row, stores: stores, client: client, context: context)
        }
    }

    /// Journal rows of batches that no request of this process is running: those a stop left.
    /// A running batch's row must never be settled, or the NE would be told to refuse it.
    private func pending(neID: String?, context: PluginContext) async throws -> [DatabaseRow] {
        let running = Set(progress.running.map(\.id))
        let rows = try await context.database.read { db in
            if let neID { return try db.query("SELECT * FROM udm_batch WHERE ne_id = ? ORDER BY created_at", [.text(neID)]) }
            return try db.query("SELECT * FROM udm_batch ORDER BY created_at", [])
        }
        return rows.filter { !running.contains($0.string("id") ?? "") }
    }

    private func settle(_ row: DatabaseRow, stores: [RecordStore], client: ProvisioningClient, context: PluginContext) async throws {
        guard let id = row.string("id"), let neID = row.string("ne_id"), let file = row.string("file"),
              let operation = row.string("operation").flatMap(Operation.init(rawValue:)),
              let store = stores.first(where: { $0.schema.resource == row.string("resource") }) else {
            throw OMCError(.internal, "batch journal row \(row.string("id") ?? "?") is incomplete")
        }
        let by = Operator(name: row.string("operator_name"), department: row.string("operator_department"),
                          address: row.string("operator_address"))
        let batch = Batch(id: id, operation: operation, neID: neID, file: file, total: row.int("total") ?? 0, by: by)
        let started = ContinuousClock.now
        let outcome: String
        if try await client.settle(batch: id) {
            let count = try await record(batch, store: store, context: context)
            outcome = "the NE had applied it; \(count) records recorded in the OMC now"
        } else {
            try await forget(batch, context: context)
            outcome = "the NE had not applied it; dropped on both sides"
        }
        context.logger.warning("batch \(id): \(outcome)")
        let elapsed = ContinuousClock.now - started
        await context.operationLog.record(OperationRecord(
            title: "Settle the \(operation.rawValue) batch of \(store.schema.noun) left by a stop", businessType: operation == .add ? .insert : .delete,
            method: "JOB", url: "udm batch \(id) on UDM/\(neID)", operatorName: by.name, departmentName: by.department,
            clientAddress: by.address,
            parameters: "batch \(id): \(operation.rawValue) \(batch.total) \(store.schema.noun) records, started \(row.string("created_at") ?? "?")",
            result: outcome, succeeded: true, durationMilliseconds: Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000),
            time: context.clock.now(), requestID: "batch-\(id)", pluginID: context.pluginID))
    }
}
