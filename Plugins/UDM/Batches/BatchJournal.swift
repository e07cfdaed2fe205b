import Foundation
import PluginAPI

/// Makes a change of many records (batch add, batch delete, import) reach both the NE and the OMC's
/// copy, or neither, even when the OMC is killed in the middle.
///
/// 1. The records are checked and written to a batch file under `<data>/udm/batches/`.
/// 2. A journal row (`udm_batch`) naming the file is committed.
/// 3. The file is sent to the NE in parts (``BatchParts``) that the NE stages under the batch id,
///    then committed: the NE applies all of it or nothing, and applies a batch id at most once.
///    Until the commit, the batch can stop (a cancellation) with an abort that drops the parts.
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
    /// Records per part of a batch sent to the NE: progress and cancellation move part by part.
    static let partSize = 10_000
    let progress: BatchProgress

    /// A new batch id (`id` when given: the batch's operation id) and the path of its file.
    func newFile(id given: String? = nil) throws -> (id: String, path: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let id = given ?? UUID().uuidString.lowercased()
        return (id, "\(folder)/\(id).tsv")
    }

    /// Runs steps 2 to 4 for `batch` and returns the number of records changed in the OMC's copy,
    /// reporting to `tracker` (the batch's long operation, whose id is the batch's).
    ///
    /// Cancellation stops the batch where nothing is half-applied: before step 2 nothing was sent;
    /// while parts are sent the NE is told to abort the batch, which drops its parts and never
    /// applies it (both sides stay as they were); once the NE committed it, the batch goes on to
    /// step 4, so that the OMC and the NE agree, and the operation says the cancellation came too late.
    func run(_ batch: Batch, store: RecordStore, client: ProvisioningClient, context: PluginContext, tracker: LongOperation) async throws -> Int {
        if tracker.isCancelled {
            try? FileManager.default.removeItem(atPath: batch.file)
            throw tracker.cancellation
        }
        let schema = store.schema
        let now = DocumentTime.formatISO8601(context.clock.now())
        try await context.database.write { db in
            try db.execute("""
                INSERT INTO udm_batch (id, ne_id, resource, operation, file, total, created_at, operator_name, operator_department, operator_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(batch.id), .text(batch.neID), .text(schema.resource), .text(batch.operation.rawValue),
                       .text(batch.file), .int(batch.total), .text(now), .text(batch.by.name), .text(batch.by.department), .text(batch.by.address)])
        }
        tracker.progress(phase: "sending to NE \(client.element.key)", done: 0, total: batch.total)
        context.logger.info("batch \(batch.id): \(batch.operation.rawValue) \(batch.total) \(schema.noun) records on \(client.element.key)")
        var committed = false
        do {
            let parts = try BatchParts(path: batch.file, linesPerPart: Self.partSize, header: batch.operation == .add)
            var staged = 0
            while let part = try parts.next() {
                let answered = try await tracker.unlessCancelled {
                    try await client.stage(schema, delete: batch.operation == .delete, part.bytes, batch: batch.id)
                }
                guard answered != nil else { break }
                staged += part.lines
                tracker.progress(done: staged)
            }
            if !tracker.isCancelled {
                // The point of no return: once the NE commits, the batch is recorded here too.
                tracker.progress(phase: "applying on NE \(client.element.key)", done: staged)
                _ = try await client.commit(batch: batch.id)
                committed = true
            }
        } catch let refusal as OMCError where refusal.kind != .neTimeout && refusal.kind != .neFailure {
            // The NE answered and refused a part or the commit: nothing changed there (its staged
            // parts are dropped), so nothing changes here.
            _ = try? await client.settle(batch: batch.id)
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
            committed = true
        }
        if !committed {
            tracker.progress(phase: "cancelling on NE \(client.element.key)", done: 0, total: batch.total)
            let applied: Bool
            do {
                applied = try await client.settle(batch: batch.id)
            } catch {
                throw OMCError(.neFailure, "cancelled while sending batch \(batch.id) to NE \(client.element.key), and the NE does not answer "
                    + "(\(error)); the batch will be settled with the NE when it answers again")
            }
            guard applied else {
                try await forget(batch, context: context)
                context.logger.info("batch \(batch.id): cancelled; NE \(client.element.key) dropped it, nothing changed")
                throw tracker.cancellation
            }
        }
        if tracker.isCancelled {
            tracker.error("the cancellation came after NE \(client.element.key) had applied the batch; it is recorded in the OMC too, so both agree")
        }
        tracker.progress(phase: "recording in the OMC", done: 0, total: batch.total)
        return try await record(batch, store: store, context: context, tracker: tracker)
    }

    /// Step 4: applies the batch file to the OMC's copy and deletes the journal row, in one transaction.
    private func record(_ batch: Batch, store: RecordStore, context: PluginContext, tracker: LongOperation? = nil) async throws -> Int {
        let count = try await context.database.write { db in
            let recorded: (Int) -> Void = { done in tracker?.progress(done: done) }
            let changed = switch batch.operation {
            case .add: try store.insert(tabularFile: batch.file, neID: batch.neID, in: db, progress: recorded)
            case .delete: try store.delete(listedIn: batch.file, neID: batch.neID, in: db, progress: recorded)
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
        let running = progress.runningIDs
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
        await context.operations.settled(id, "batch \(id) settled with NE \(neID): \(outcome)")
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
