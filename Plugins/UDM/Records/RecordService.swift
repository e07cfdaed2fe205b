import Foundation
import PluginAPI

/// What can be done with one record kind on one UDM, whoever asks (REST routes or MML): every
/// change goes to the NE first and is recorded in the OMC's copy only when the NE accepted it.
/// Single changes run through the change journal (``UDMRuntime/changes``), batches through the
/// batch journal: a crash between the NE's answer and the OMC's record is settled afterwards.
struct RecordService: Sendable {
    let schema: RecordSchema
    let runtime: UDMRuntime
    let context: PluginContext
    /// Who asks, for the change journal and the operation log.
    let by: ChangeJournal.Operator

    /// The OMC's copy of one record, or a 404 naming it.
    func find(neID: String, imsi: String, reveal: Bool) async throws -> (id: Int64, record: UDMRecord) {
        try Self.checkIMSI(imsi)
        let store = try runtime.store(schema)
        let found = try await context.database.read { db -> (Int64, UDMRecord)? in
            guard let row = try store.find(neID: neID, imsi: imsi, in: db) else { return nil }
            return (Int64(row.int("id") ?? 0), try store.record(row, reveal: reveal))
        }
        guard let found else { throw OMCError.notFound("\(schema.noun) of IMSI \(imsi) on UDM/\(neID) does not exist") }
        return found
    }

    /// Adds one record: refused when the OMC's copy already has the IMSI, then the NE decides.
    func create(neID: String, _ record: UDMRecord) async throws {
        let store = try runtime.store(schema)
        let client = try await runtime.client(neID, context)
        let intent = ChangeJournal.Intent(neID: neID, subject: schema.resource, operation: "add", firstKey: record.imsi, by: by)
        try await runtime.changes.run(intent, deadline: context.host.neTimeout, context: context, check: {
            if try await context.database.read({ db in try store.find(neID: neID, imsi: record.imsi, in: db) }) != nil {
                throw OMCError(.conflict, "\(schema.noun) of IMSI \(record.imsi) already exists on UDM/\(neID)")
            }
        }, change: {
            try await client.create(schema, .bytes(TabularText.body(schema, [record])))
        }, record: { _, db in
            _ = try store.insert([record], neID: neID, in: db)
        }, settler: runtime.settler)
    }

    /// Changes the `given` fields of an existing record; the others keep their value.
    func modify(neID: String, _ given: [String: String]) async throws -> UDMRecord {
        guard let imsi = given["imsi"] else { throw OMCError.invalid("imsi", "is required") }
        try Self.checkIMSI(imsi)
        let store = try runtime.store(schema)
        let client = try await runtime.client(neID, context)
        let intent = ChangeJournal.Intent(neID: neID, subject: schema.resource, operation: "modify", firstKey: imsi, by: by)
        let record = try await runtime.changes.run(intent, deadline: context.host.neTimeout, context: context, check: {}, change: {
            let current = try await find(neID: neID, imsi: imsi, reveal: true)
            let record = try schema.record(given, base: current.record)
            _ = try await client.modify(schema, .bytes(TabularText.body(schema, [record])))
            return record
        }, record: { record, db in
            try store.update(record, neID: neID, in: db)
        }, settler: runtime.settler)
        return record
    }

    /// Removes one record, which must exist in the OMC's copy.
    func remove(neID: String, imsi: String) async throws {
        try Self.checkIMSI(imsi)
        let store = try runtime.store(schema)
        let client = try await runtime.client(neID, context)
        let intent = ChangeJournal.Intent(neID: neID, subject: schema.resource, operation: "delete", firstKey: imsi, by: by)
        try await runtime.changes.run(intent, deadline: context.host.neTimeout, context: context, check: {
            _ = try await find(neID: neID, imsi: imsi, reveal: false)
        }, change: {
            _ = try await client.delete(schema, .bytes(TabularText.imsiBody([imsi])), strict: false)
        }, record: { _, db in
            _ = try store.delete([imsi], neID: neID, in: db)
        }, settler: runtime.settler)
    }

    /// Adds `count` records: `base`, then `base` with IMSI (and MSISDN) incremented by 1, 2, …
    /// All or nothing: refused before anything changes when one IMSI exists or a number overflows.
    /// `tracker` is the batch's long operation (see ``BatchJournal/run(_:store:client:context:tracker:)``).
    func batchAdd(neID: String, base: UDMRecord, count: Int, by `operator`: BatchJournal.Operator, tracker: LongOperation) async throws -> Int {
        try checkBatchAdd(base: base, count: count)
        let last = schema.stepping(base, by: count - 1) ?? base
        let store = try runtime.store(schema)
        let clashes = try await context.database.read { db in
            try store.existing(neID: neID, from: base.imsi, through: last.imsi, limit: 5, in: db)
        }
        if !clashes.isEmpty {
            throw OMCError(.conflict, "\(schema.noun) already exists on UDM/\(neID) for IMSI \(clashes.joined(separator: ", ")); nothing was added")
        }
        let batch = try await startBatch(neID: neID, operation: "batch add", tracker: tracker)
        defer { runtime.progress.end(batch.id) }
        let writer = try LineWriter(path: batch.path)
        try writer.write(TabularText.header(schema))
        for offset in 0..<count {
            guard let record = schema.stepping(base, by: offset) else { continue }
            try writer.write(TabularText.line(record))
            if offset % RecordStore.progressStep == 0 { tracker.progress(phase: "preparing", done: offset, total: count) }
        }
        try writer.close()
        return try await batch.journal.run(.init(id: batch.id, operation: .add, neID: neID, file: batch.path, total: count, by: `operator`),
                                           store: store, client: batch.client, context: context, tracker: tracker)
    }

    /// Refuses a batch add the rules forbid (size, numbers running out), before any operation starts.
    func checkBatchAdd(base: UDMRecord, count: Int) throws(OMCError) {
        try checkBatchSize(count)
        guard schema.stepping(base, by: count - 1) != nil else {
            throw OMCError.invalid("num", "\(count) records from IMSI \(base.imsi) would run past the last number of the same length")
        }
    }

    /// Removes the records of the `count` IMSIs from `imsi` on that exist; all or nothing.
    func batchDelete(neID: String, imsi: String, count: Int, by `operator`: BatchJournal.Operator, tracker: LongOperation) async throws -> Int {
        try checkBatchDelete(imsi: imsi, count: count)
        let last = RecordSchema.add(count - 1, to: imsi) ?? imsi
        let store = try runtime.store(schema)
        let batch = try await startBatch(neID: neID, operation: "batch delete", tracker: tracker)
        defer { runtime.progress.end(batch.id) }
        // Only the IMSIs the OMC's copy has are sent: the file lists them, read in pages.
        let writer = try LineWriter(path: batch.path)
        var after: String?
        var total = 0
        while true {
            let from = after.flatMap { RecordSchema.add(1, to: $0) } ?? imsi
            guard from <= last else { break }
            let page = try await context.database.read { db in
                try store.existing(neID: neID, from: from, through: last, limit: 10_000, in: db)
            }
            for found in page { try writer.write(found + "\n") }
            total += page.count
            tracker.progress(phase: "preparing", done: total)
            guard page.count == 10_000, let end = page.last else { break }
            after = end
        }
        try writer.close()
        guard total > 0 else {
            try? FileManager.default.removeItem(atPath: batch.path)
            return 0
        }
        return try await batch.journal.run(.init(id: batch.id, operation: .delete, neID: neID, file: batch.path, total: total, by: `operator`),
                                           store: store, client: batch.client, context: context, tracker: tracker)
    }

    /// Refuses a batch delete the rules forbid, before any operation starts.
    func checkBatchDelete(imsi: String, count: Int) throws(OMCError) {
        try Self.checkIMSI(imsi)
        try checkBatchSize(count)
        guard RecordSchema.add(count - 1, to: imsi) != nil else {
            throw OMCError.invalid("num", "\(count) IMSIs from \(imsi) would run past 999999999999999")
        }
    }

    /// What every batch starts with: the NE's client, the NE's earlier batches settled, a new batch
    /// file named after `tracker` (the batch's id is its operation's) and a progress entry (the
    /// caller ends it with `runtime.progress.end(id)`).
    func startBatch(neID: String, operation: String, tracker: LongOperation) async throws
        -> (client: ProvisioningClient, journal: BatchJournal, id: String, path: String) {
        let client = try await runtime.client(neID, context)
        let journal = try runtime.journal()
        tracker.progress(phase: "settling earlier batches", done: 0)
        try await journal.settlePending(stores: try runtime.stores(), client: client, context: context)
        let (id, path) = try journal.newFile(id: tracker.id)
        runtime.progress.begin(tracker, neID: neID, resource: schema.resource, operation: operation, startedAt: context.clock.now())
        return (client, journal, id, path)
    }

    /// Replaces the OMC's copy of `neID` with the NE's full data, read in pages; returns the count.
    /// `tracker` counts the records read; a cancellation before the final swap changes nothing.
    func resetData(neID: String, tracker: LongOperation) async throws -> Int {
        let client = try await runtime.client(neID, context)
        try await runtime.journal().settlePending(stores: try runtime.stores(), client: client, context: context)
        let store = try runtime.store(schema)
        // The NE's data is staged in a file page by page, then swapped in by one transaction: readers
        // see the old copy or the new one, and memory holds one page.
        let (_, path) = try runtime.journal().newFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LineWriter(path: path)
        try writer.write(TabularText.header(schema))
        var after: String?
        var total = 0
        tracker.progress(phase: "reading from NE \(client.element.key)", done: 0)
        while true {
            try tracker.checkCancellation()
            let records = try Self.parseDump(try await client.page(schema, after: after, limit: Self.dumpPage),
                                             schema: schema, element: client.element)
            for record in records { try writer.write(TabularText.line(record)) }
            total += records.count
            tracker.progress(done: total)
            guard records.count == Self.dumpPage, let last = records.last else { break }
            after = last.imsi
        }
        try writer.close()
        try tracker.checkCancellation()
        tracker.progress(phase: "replacing the OMC's copy", done: 0, total: total)
        let count = try await context.database.write { db in
            try store.deleteAll(neID: neID, in: db)
            return try store.insert(tabularFile: path, neID: neID, in: db)
        }
        context.logger.info("resetData: UDM/\(neID) \(schema.noun): \(count) records reloaded from the NE")
        return total
    }

    /// Records per dump page asked of the NE.
    static let dumpPage = 10_000

    /// Records of an NDJSON dump page; a record the OMC's rules refuse stops the reload, named.
    static func parseDump(_ bytes: [UInt8], schema: RecordSchema, element: NetworkElement) throws -> [UDMRecord] {
        var records: [UDMRecord] = []
        for line in bytes.split(separator: 0x0A) where !line.isEmpty {
            guard case .object(let object) = try? JSONBody.decode(JSONValue.self, from: Array(line)) else {
                throw OMCError(.neFailure, "NE \(element.key) sent a dump line that is not a JSON object")
            }
            records.append(try parse(object, schema: schema, element: element))
        }
        return records
    }

    /// A record as the NE sent it, as a JSON object; a record the OMC's rules refuse is an NE failure, named.
    static func parse(_ object: [String: JSONValue], schema: RecordSchema, element: NetworkElement) throws -> UDMRecord {
        var given: [String: String] = [:]
        for (key, value) in object {
            if let text = value.stringValue { given[key] = text } else if let number = value.intValue { given[key] = String(number) }
        }
        do {
            return try schema.record(given.filter { schema.position(of: $0.key) != nil })
        } catch {
            throw OMCError(.neFailure, "NE \(element.key) holds a \(schema.noun) record the OMC refuses (IMSI \(given["imsi"] ?? "?")): \(error)")
        }
    }

    private func checkBatchSize(_ count: Int) throws(OMCError) {
        guard (1...runtime.settings.batchMaxRecords).contains(count) else {
            throw OMCError.invalid("num", "must be an integer from 1 to \(runtime.settings.batchMaxRecords)")
        }
    }

    /// An IMSI path or query parameter: 15 decimal digits.
    static func checkIMSI(_ imsi: String) throws(OMCError) {
        if let problem = FieldRule.digits(15...15).violation(of: imsi) { throw OMCError.invalid("imsi", problem) }
    }
}
