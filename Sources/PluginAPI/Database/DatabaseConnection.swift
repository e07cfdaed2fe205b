/// A connection lent to a plugin for the length of one ``PluginDatabase`` read or write.
///
/// Write SQL that runs on SQLite and PostgreSQL alike: `?` placeholders, standard types, no
/// `AUTOINCREMENT`-only tricks. Never keep the connection beyond the closure.
public protocol DatabaseConnection {
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    /// Runs a query and returns every row.
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [DatabaseRow]
    /// Runs a query and hands rows to `body` one at a time, without holding them all in memory.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (DatabaseRow) throws -> Void) throws
    /// Rows changed by the last `INSERT`, `UPDATE` or `DELETE`.
    var changedRowCount: Int { get }
}

extension DatabaseConnection {
    /// Runs a statement without arguments.
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// The first row of a query, or `nil`.
    public func first(_ sql: String, _ arguments: [SQLValue] = []) throws -> DatabaseRow? {
        var found: DatabaseRow?
        try forEachRow(sql, arguments) { row in if found == nil { found = row } }
        return found
    }
}
