import Foundation
import PluginAPI
import Synchronization

/// What one plugin may do with the database: its name prefix, the tables it declared append-only,
/// and the SQL texts already found portable (each distinct text is checked once).
package final class DatabaseScope: Sendable {
    package let pluginID: String
    /// `<plugin id>_`, lower-cased, with `-` written `_`.
    package let prefix: String
    /// Lower-cased names of the tables whose rows are never updated.
    let appendOnlyTables: Set<String>
    private let checkedSQL = Mutex<[String: String?]>([:])

    package init(pluginID: String, appendOnlyTables: [String] = []) {
        self.pluginID = pluginID
        prefix = Self.prefix(of: pluginID)
        self.appendOnlyTables = Set(appendOnlyTables.map { $0.lowercased() })
    }

    /// The prefix of a plugin's objects.
    package static func prefix(of pluginID: String) -> String {
        pluginID.lowercased().replacingOccurrences(of: "-", with: "_") + "_"
    }

    /// Throws ``PortableSQLViolation`` when `sql` uses an SQLite-only construct, or is an INSERT that
    /// leaves an `INTEGER PRIMARY KEY` for SQLite to assign (`rowIDAlias` names a table's such column);
    /// remembers the answer.
    func checkPortable(_ sql: String, rowIDAlias: (String) throws -> String?) throws {
        let known = checkedSQL.withLock { $0[sql] }
        let problem: String?
        if let known {
            problem = known
        } else {
            problem = try PortableSQL.problems(in: sql).first ?? PortableSQL.insertTarget(sql).flatMap { insert in
                try rowIDAlias(insert.table).flatMap { column in
                    insert.columns.contains(column.lowercased()) ? nil : PortableSQL.implicitID(table: insert.table, column: column)
                }
            }
            checkedSQL.withLock { cache in
                if cache.count > 10_000 { cache.removeAll() } // texts built with values inlined must not grow it forever
                cache[sql] = .some(problem)
            }
        }
        if let problem { throw PortableSQLViolation(pluginID: pluginID, problem: problem) }
    }
}

/// A statement refused because it would not run on PostgreSQL.
package struct PortableSQLViolation: Error, CustomStringConvertible {
    package let pluginID: String
    package let problem: String
    package var description: String { "plugin '\(pluginID)' ran SQL that is not portable: \(problem)" }
}
