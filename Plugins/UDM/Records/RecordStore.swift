import PluginAPI

/// The OMC's copy of one NE's records of a ``RecordSchema``, in the table `schema.table`: one row per
/// NE and IMSI, secrets sealed by a ``SecretBox``, and a per-NE count kept in `udm_count` so that
/// lists never count a million rows.
struct RecordStore: Sendable {
    let schema: RecordSchema
    let box: SecretBox

    /// `id, ne_id, imsi, …` for SELECTs.
    /// Names are unquoted, as the tables were created: PostgreSQL folds both to lower case alike.
    var selectColumns: String { "id, ne_id, " + schema.names.joined(separator: ", ") }

    /// Rows one INSERT statement carries: fewer statements for big batches, well under SQLite's
    /// limit of 32,766 parameters.
    static let rowsPerInsert = 64

    /// `INSERT … VALUES (…), (…)` for `rows` rows; ids are assigned by the plugin (``insert(neID:in:_:)``).
    private func insertSQL(rows: Int) -> String {
        let names = schema.names.joined(separator: ", ")
        let marks = "(" + Array(repeating: "?", count: schema.fields.count + 2).joined(separator: ", ") + ")"
        return "INSERT INTO \(schema.table) (id, ne_id, \(names)) VALUES " + Array(repeating: marks, count: rows).joined(separator: ", ")
    }

    private var updateSQL: String {
        let sets = schema.names.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
        return "UPDATE \(schema.table) SET \(sets) WHERE ne_id = ? AND imsi = ?"
    }

    /// The values bound for `record`, secrets sealed.
    private func bindings(_ record: UDMRecord) throws -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(record.values.count)
        for (index, field) in schema.fields.enumerated() {
            values.append(field.secret ? .blob(try box.seal(record.values[index])) : .text(record.values[index]))
        }
        return values
    }

    /// The record of a row; secrets are opened only when `reveal`, else left as the mask.
    func record(_ row: DatabaseRow, reveal: Bool) throws -> UDMRecord {
        var values: [String] = []
        values.reserveCapacity(schema.fields.count)
        for field in schema.fields {
            if field.secret {
                values.append(reveal ? try box.open(row.blob(field.name) ?? []) : UDMRecord.mask)
            } else {
                values.append(row.string(field.name) ?? "")
            }
        }
        return UDMRecord(values: values)
    }

    /// The row of `imsi` on `neID`, or `nil`.
    func find(neID: String, imsi: String, in db: any DatabaseConnection) throws -> DatabaseRow? {
        try db.first("SELECT \(selectColumns) FROM \(schema.table) WHERE ne_id = ? AND imsi = ?", [.text(neID), .text(imsi)])
    }

    /// Inserts `records` for `neID` and counts them.
    func insert(_ records: [UDMRecord], neID: String, in db: any DatabaseConnection) throws -> Int {
        try insert(neID: neID, in: db) { emit in
            for record in records { try emit(record) }
        }
    }

    /// Inserts every record `produce` emits (read from a batch file, say) and counts them.
    func insert(neID: String, in db: any DatabaseConnection,
                _ produce: (_ emit: (UDMRecord) throws -> Void) throws -> Void) throws -> Int {
        let fullSQL = insertSQL(rows: Self.rowsPerInsert)
        var pending: [SQLValue] = []
        var pendingRows = 0
        var count = 0
        // Ids follow the highest, as SQLite's implicit ones did; the write transaction keeps them unique.
        let lastID = try db.first("SELECT COALESCE(MAX(id), 0) AS last_id FROM \(schema.table)")?.int("last_id") ?? 0
        try produce { record in
            pending.append(.int(lastID + count + 1))
            pending.append(.text(neID))
            pending += try bindings(record)
            pendingRows += 1
            count += 1
            if pendingRows == Self.rowsPerInsert {
                try db.execute(fullSQL, pending)
                pending.removeAll(keepingCapacity: true)
                pendingRows = 0
            }
        }
        if pendingRows > 0 { try db.execute(insertSQL(rows: pendingRows), pending) }
        try adjustCount(neID: neID, by: count, in: db)
        try bumpVersion(in: db)
        return count
    }

    /// Inserts the records of a tabular file (``TabularText``: header line, then one record a line).
    /// `progress` hears the number of records read, every ``progressStep``.
    func insert(tabularFile path: String, neID: String, in db: any DatabaseConnection, progress: (Int) -> Void = { _ in }) throws -> Int {
        try insert(neID: neID, in: db) { emit in
            try LineReader(path: path).forEachLine { line, number in
                if number % Self.progressStep == 1, number > 1 { progress(number - 1) }
                if number > 1 {
                    try emit(UDMRecord(values: line.split(separator: 0x09, omittingEmptySubsequences: false)
                        .map { String(decoding: $0, as: UTF8.self) }))
                }
                return true
            }
        }
    }

    /// How many records pass between two progress reports of a file's recording.
    static let progressStep = 1000

    /// Removes the records of the IMSIs listed in a file, one per line.
    /// `progress` hears the number of IMSIs read, every ``progressStep``.
    func delete(listedIn path: String, neID: String, in db: any DatabaseConnection, progress: (Int) -> Void = { _ in }) throws -> Int {
        try delete(neID: neID, in: db) { emit in
            try LineReader(path: path).forEachLine { line, number in
                if number % Self.progressStep == 0 { progress(number) }
                try emit(String(decoding: line, as: UTF8.self))
                return true
            }
        }
    }

    /// Replaces the values of `record`.
    func update(_ record: UDMRecord, neID: String, in db: any DatabaseConnection) throws {
        try db.execute(updateSQL, Array(try bindings(record).dropFirst()) + [.text(neID), .text(record.imsi)])
        try bumpVersion(in: db)
    }

    /// Removes the rows of `imsis` that exist and returns how many did.
    func delete(_ imsis: [String], neID: String, in db: any DatabaseConnection) throws -> Int {
        try delete(neID: neID, in: db) { emit in
            for imsi in imsis { try emit(imsi) }
        }
    }

    /// Removes the rows of every IMSI `produce` emits that exist and returns how many did.
    func delete(neID: String, in db: any DatabaseConnection, _ produce: (_ emit: (String) throws -> Void) throws -> Void) throws -> Int {
        var removed = 0
        try produce { imsi in
            try db.execute("DELETE FROM \(schema.table) WHERE ne_id = ? AND imsi = ?", [.text(neID), .text(imsi)])
            removed += db.changedRowCount
        }
        try adjustCount(neID: neID, by: -removed, in: db)
        try bumpVersion(in: db)
        return removed
    }

    /// Removes every row of `neID` (before a reload from the NE).
    func deleteAll(neID: String, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM \(schema.table) WHERE ne_id = ?", [.text(neID)])
        try db.execute("DELETE FROM udm_count WHERE ne_id = ? AND resource = ?", [.text(neID), .text(schema.resource)])
        try bumpVersion(in: db)
    }

    /// Whether `neID` has a record with an IMSI in `first...last`.
    func hasAny(neID: String, from first: String, through last: String, in db: any DatabaseConnection) throws -> Bool {
        try !existing(neID: neID, from: first, through: last, limit: 1, in: db).isEmpty
    }

    /// IMSIs of the range `first...last` (same length) that `neID` has, at most `limit` of them.
    func existing(neID: String, from first: String, through last: String, limit: Int, in db: any DatabaseConnection) throws -> [String] {
        try db.query("SELECT imsi FROM \(schema.table) WHERE ne_id = ? AND imsi >= ? AND imsi <= ? ORDER BY imsi LIMIT ?",
                     [.text(neID), .text(first), .text(last), .int(limit)]).compactMap { $0.string("imsi") }
    }

    /// Rows `neID` has of `schema`, from the maintained count.
    func count(neID: String?, in db: any DatabaseConnection) throws -> Int {
        if let neID {
            return try db.first("SELECT total FROM udm_count WHERE ne_id = ? AND resource = ?", [.text(neID), .text(schema.resource)])?.int("total") ?? 0
        }
        return try db.first("SELECT COALESCE(SUM(total), 0) AS total FROM udm_count WHERE resource = ?", [.text(schema.resource)])?.int("total") ?? 0
    }

    /// Marks the records of this kind as changed (see ``PageAnchors``).
    private func bumpVersion(in db: any DatabaseConnection) throws {
        try db.execute("UPDATE udm_version SET version = version + 1 WHERE resource = ?", [.text(schema.resource)])
    }

    private func adjustCount(neID: String, by delta: Int, in db: any DatabaseConnection) throws {
        guard delta != 0 else { return }
        try db.execute("""
            INSERT INTO udm_count (ne_id, resource, total) VALUES (?, ?, ?)
            ON CONFLICT (ne_id, resource) DO UPDATE SET total = udm_count.total + excluded.total
            """, [.text(neID), .text(schema.resource), .int(delta)])
    }
}
