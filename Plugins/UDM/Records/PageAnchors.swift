import PluginAPI
import Synchronization

/// Makes deep list pages cheap. `OFFSET 500000` steps over half a million index entries; instead,
/// the order values of every 1,000th row of a query are read once (one pass over the index) and
/// kept until the data changes, and a deep page starts from the nearest anchor before it, stepping
/// over fewer than 1,000 rows. The version of the data is read from `udm_version` in the same
/// snapshot as the rows, so anchors never outlive the data they were read from.
final class PageAnchors: Sendable {
    /// Rows between two anchors.
    static let step = 1000
    /// Queries whose anchors are kept at once.
    static let capacity = 64

    private struct Entry {
        let version: Int
        let anchors: [[SQLValue]]
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Anchors for every NE and query.
    init() {}

    /// The rows of `query`'s page, read from an anchor when the page is deep.
    func page(_ query: RecordQuery, columns: String, in db: any DatabaseConnection) throws -> [DatabaseRow] {
        let offset = query.page.offset
        guard offset >= Self.step else {
            let (sql, arguments) = query.pageSQL(columns: columns)
            return try db.query(sql, arguments)
        }
        let anchors = try self.anchors(query, in: db)
        let index = offset / Self.step - 1
        guard index < anchors.count else { return [] }
        // Anchor `index` is the row at 0-based place (index + 1) * step - 1; the page starts after it.
        let (sql, arguments) = query.pageSQL(columns: columns, anchor: (anchors[index], offset - ((index + 1) * Self.step - 1)))
        return try db.query(sql, arguments)
    }

    /// The order values of rows `step`, `2 * step`, … of `query`, from the cache or one index pass.
    private func anchors(_ query: RecordQuery, in db: any DatabaseConnection) throws -> [[SQLValue]] {
        let current = try db.first("SELECT version FROM udm_version WHERE resource = ?", [.text(query.schema.resource)])?.int("version") ?? 0
        let key = query.anchorKey
        if let entry = entries.withLock({ $0[key] }), entry.version == current { return entry.anchors }
        var anchors: [[SQLValue]] = []
        var position = 0
        let (sql, arguments) = query.anchorSQL()
        try db.forEachRow(sql, arguments) { row in
            position += 1
            if position % Self.step == 0 { anchors.append(row.values) }
        }
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = Entry(version: current, anchors: anchors)
        }
        return anchors
    }
}
