import PluginAPI

/// A `WHERE` clause built from a list's filters: every condition binds the caller's value as an
/// argument, never as SQL text; column names come from code.
struct SQLFilter: Sendable {
    private(set) var clauses: [String] = []
    private(set) var arguments: [SQLValue] = []

    /// `column` contains `value` (case-insensitive for ASCII; `%`, `_` and `\` in `value` are literal).
    mutating func contains(_ column: String, _ value: String?) {
        guard let value else { return }
        clauses.append("\(column) LIKE ? ESCAPE '\\'")
        arguments.append(.text(SQLPattern.contains(value)))
    }

    /// `column` equals `value`.
    mutating func equals(_ column: String, _ value: SQLValue?) {
        guard let value else { return }
        clauses.append("\(column) = ?")
        arguments.append(value)
    }

    /// `column` lies between `begin` and `end` (each optional, inclusive).
    mutating func between(_ column: String, _ begin: Int64?, _ end: Int64?) {
        if let begin { clauses.append("\(column) >= ?"); arguments.append(.integer(begin)) }
        if let end { clauses.append("\(column) <= ?"); arguments.append(.integer(end)) }
    }

    /// ` WHERE …`, or empty when there is no condition.
    var sql: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }

    /// One page of `table`'s rows matching the filter, and how many match in all. `order` is a
    /// column from code (the page's sort field, mapped through `sortable`), `tiebreak` the id column.
    func page<Row: Sendable>(of table: String, _ page: PageRequest, sortable: [String: String], defaultOrder: String, tiebreak: String,
                             in db: any DatabaseConnection, _ row: (DatabaseRow) -> Row) throws -> (rows: [Row], total: Int) {
        let total = try db.first("SELECT count(*) AS n FROM \(table)\(sql)", arguments)?.int("n") ?? 0
        let order = page.sortField.flatMap { sortable[$0] } ?? defaultOrder
        let direction = page.descending || page.sortField == nil ? "DESC" : "ASC"
        let rows = try db.query("SELECT * FROM \(table)\(sql) ORDER BY \(order) \(direction), \(tiebreak) DESC LIMIT ? OFFSET ?",
                                arguments + [.int(page.pageSize), .int(page.offset)]).map(row)
        return (rows, total)
    }
}
