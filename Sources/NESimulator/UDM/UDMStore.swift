/// One UDM's subscriber database: records of each ``UDMDataKind`` keyed by IMSI, each kept as the
/// compact JSON object text it was provisioned with (a million subscribers fit in a few hundred MB).
///
/// Every bulk change is all-or-nothing: it is checked completely before anything changes, and an
/// actor applies it in one step, so no reader ever sees half of it. A change may carry a batch id;
/// a batch id already applied is answered as applied again without changing anything, which makes
/// the OMC's retries after a crash harmless.
public actor UDMStore {
    /// One provisioned record: its IMSI and its JSON object text.
    public struct Record: Sendable, Hashable {
        /// The IMSI, 15 digits, as a number.
        public let imsi: UInt64
        /// The JSON object text.
        public let json: String
    }

    private struct Table {
        var records: [UInt64: String] = [:]
        /// IMSIs in order, rebuilt on the first dump after a change.
        var sortedKeys: [UInt64]?
    }

    private var subscriptions = Table()
    private var authentication = Table()
    private var appliedBatches: Set<String> = []
    private var abortedBatches: Set<String> = []
    private var stagedBatches: [String: StagedBatch] = [:]

    /// A change sent in parts: the parts wait here until the batch is committed or aborted.
    private struct StagedBatch {
        let kind: UDMDataKind
        let change: StagedChange
        var records: [Record] = []
        var imsis: [UInt64] = []
    }

    /// What a staged batch does once committed.
    public enum StagedChange: String, Sendable {
        case create, delete
    }

    /// An empty database.
    public init() {}

    /// Runs `body` on the table of `kind` in place: a copy of a million-record dictionary per
    /// change would make every single create cost milliseconds.
    private func withTable<Result, Failure: Error>(_ kind: UDMDataKind, _ body: (inout Table) throws(Failure) -> Result) throws(Failure) -> Result {
        switch kind {
        case .sub: try body(&subscriptions)
        case .auth: try body(&authentication)
        }
    }

    private func table(_ kind: UDMDataKind) -> Table { kind == .sub ? subscriptions : authentication }

    /// Number of records of `kind`.
    public func count(_ kind: UDMDataKind) -> Int { table(kind).records.count }

    /// The record of `kind` for `imsi`, or `nil`.
    public func record(_ kind: UDMDataKind, imsi: UInt64) -> String? { table(kind).records[imsi] }

    /// Whether a batch with this id was applied.
    public func hasApplied(batch id: String) -> Bool { appliedBatches.contains(id) }

    /// Settles a batch whose sender lost track of it: when it was applied, says so; otherwise makes
    /// sure it never will be (a later request with this id is refused). Either way the answer stays true.
    public func abort(batch id: String) -> Bool {
        if appliedBatches.contains(id) { return true }
        abortedBatches.insert(id)
        stagedBatches[id] = nil
        return false
    }

    /// Keeps one part of batch `id` (records to create, or IMSIs to delete) until the batch is
    /// committed; nothing changes yet. Returns the records staged so far (0 when the batch was
    /// applied before: a repeated part is harmless).
    public func stage(_ kind: UDMDataKind, _ change: StagedChange, records: [Record] = [], imsis: [UInt64] = [],
                      batch id: String) throws(NEReplyError) -> Int {
        if try settled(id) { return 0 }
        var staged = stagedBatches[id] ?? StagedBatch(kind: kind, change: change)
        guard staged.kind == kind, staged.change == change else {
            throw NEReplyError(status: 400, "batch \(id) stages a \(staged.change.rawValue) of \(staged.kind.noun); a part cannot change that")
        }
        staged.records += records
        staged.imsis += imsis
        stagedBatches[id] = staged
        return staged.records.count + staged.imsis.count
    }

    /// Applies every staged part of batch `id` in one step, all or nothing, as one request would.
    /// Returns the number changed (0 when the batch was applied before).
    public func commit(batch id: String) throws(NEReplyError) -> Int {
        if try settled(id) { return 0 }
        guard let staged = stagedBatches[id] else { throw NEReplyError(status: 404, "batch \(id) has no staged parts") }
        let changed = switch staged.change {
        case .create: try create(staged.kind, staged.records, batch: id)
        case .delete: try delete(staged.kind, staged.imsis, strict: false, batch: id)
        }
        stagedBatches[id] = nil
        return changed
    }

    /// How many batches hold staged parts, for tests.
    public var stagedBatchCount: Int { stagedBatches.count }

    /// `true` when the batch was applied already (nothing to do); throws when it was aborted.
    private func settled(_ batch: String?) throws(NEReplyError) -> Bool {
        guard let batch else { return false }
        if abortedBatches.contains(batch) { throw NEReplyError(status: 409, "batch \(batch) was aborted and cannot be applied") }
        return appliedBatches.contains(batch)
    }

    /// Adds `records`; refuses the whole change when one IMSI already exists or appears twice.
    /// Returns the number added (0 when the batch was applied before).
    public func create(_ kind: UDMDataKind, _ records: [Record], batch: String?) throws(NEReplyError) -> Int {
        if try settled(batch) { return 0 }
        try withTable(kind) { table throws(NEReplyError) in
            var seen = Set<UInt64>(minimumCapacity: records.count)
            for record in records {
                if table.records[record.imsi] != nil {
                    throw NEReplyError(status: 409, "\(kind.noun) of IMSI \(Self.text(record.imsi)) already exists")
                }
                if !seen.insert(record.imsi).inserted {
                    throw NEReplyError(status: 400, "IMSI \(Self.text(record.imsi)) appears twice in the request")
                }
            }
            table.records.reserveCapacity(table.records.count + records.count)
            for record in records { table.records[record.imsi] = record.json }
            table.sortedKeys = nil
        }
        if let batch { appliedBatches.insert(batch) }
        return records.count
    }

    /// Replaces `records`; refuses the whole change when one IMSI does not exist.
    public func modify(_ kind: UDMDataKind, _ records: [Record], batch: String?) throws(NEReplyError) -> Int {
        if try settled(batch) { return 0 }
        try withTable(kind) { table throws(NEReplyError) in
            for record in records where table.records[record.imsi] == nil {
                throw NEReplyError(status: 404, "\(kind.noun) of IMSI \(Self.text(record.imsi)) does not exist")
            }
            for record in records { table.records[record.imsi] = record.json }
        }
        if let batch { appliedBatches.insert(batch) }
        return records.count
    }

    /// Removes the records of `imsis` that exist; `strict` refuses the whole change when one does not.
    public func delete(_ kind: UDMDataKind, _ imsis: [UInt64], strict: Bool, batch: String?) throws(NEReplyError) -> Int {
        if try settled(batch) { return 0 }
        let removed = try withTable(kind) { table throws(NEReplyError) in
            if strict, let missing = imsis.first(where: { table.records[$0] == nil }) {
                throw NEReplyError(status: 404, "\(kind.noun) of IMSI \(Self.text(missing)) does not exist")
            }
            var removed = 0
            for imsi in imsis where table.records.removeValue(forKey: imsi) != nil { removed += 1 }
            if removed > 0 { table.sortedKeys = nil }
            return removed
        }
        if let batch { appliedBatches.insert(batch) }
        return removed
    }

    /// Up to `limit` records of `kind` with an IMSI above `after`, in IMSI order: one page of a dump.
    public func page(_ kind: UDMDataKind, after: UInt64?, limit: Int) -> [String] {
        let keys = withTable(kind) { table in
            if let sorted = table.sortedKeys { return sorted }
            let sorted = table.records.keys.sorted()
            table.sortedKeys = sorted
            return sorted
        }
        let table = table(kind)
        var low = 0
        if let after {
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] <= after { low = middle + 1 } else { high = middle }
            }
        }
        let end = min(keys.count, low + limit)
        return keys[low..<end].compactMap { table.records[$0] }
    }

    /// `460000100000030` from its number, zero-padded to 15 digits.
    static func text(_ imsi: UInt64) -> String {
        let digits = String(imsi)
        return String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }
}
