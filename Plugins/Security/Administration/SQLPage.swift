import PluginAPI

/// One page of an administration list and how many rows match in all (`{rows, total}`).
enum SQLPage {
    /// `select` is the `SELECT … FROM …` (joins included) and `table` the table counted; `condition`
    /// and `order` are built from code and bound `arguments`, never from callers' text.
    static func fetch(select: String, table: String, condition: String, arguments: [SQLValue], order: String, page: PageRequest,
                      in db: any DatabaseConnection) throws -> (rows: [DatabaseRow], total: Int) {
        let total = try db.first("SELECT count(*) AS n FROM \(table) WHERE \(condition)", arguments)?.int("n") ?? 0
        let rows = try db.query("\(select) WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?",
                                arguments + [.int(page.pageSize), .int(page.offset)])
        return (rows, total)
    }
}

extension SQLFilter {
    /// The conditions joined by `AND` (`1 = 1` when there is none) and their arguments, for ``SQLPage``.
    var condition: (sql: String, arguments: [SQLValue]) {
        (clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND "), arguments)
    }
}
