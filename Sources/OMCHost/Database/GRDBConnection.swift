import Foundation
import GRDB
import PluginAPI

/// A GRDB connection lent to a plugin through ``PluginAPI/DatabaseConnection``. With a
/// ``PluginAuthorizer`` (every plugin's connection has one; the host's own and a test's inspection have
/// none) each statement is checked for portability first, and a statement the authorizer refuses
/// throws the authorizer's ``DatabaseAccessRefusal`` instead of SQLite's bare "not authorized".
struct GRDBConnection: DatabaseConnection {
    let database: GRDB.Database
    var authorizer: PluginAuthorizer?
    /// False for a plugin's SQLite-only historical migrations, which run unchecked.
    var checksPortability = true

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        try guarded(sql) {
            if arguments.isEmpty {
                try database.execute(sql: sql)
            } else {
                try database.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
            }
        }
    }

    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [DatabaseRow] {
        var rows: [DatabaseRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (DatabaseRow) throws -> Void) throws {
        try guarded(sql) {
            let statement = try database.cachedStatement(sql: sql)
            let columns = statement.columnNames
            let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
            while let row = try cursor.next() {
                try body(DatabaseRow(columns: columns, values: row.databaseValues.map(SQLValue.init)))
            }
        }
    }

    var changedRowCount: Int { database.changesCount }

    /// The column that aliases SQLite's rowid in `table` (a lone `INTEGER PRIMARY KEY`), read by the
    /// host itself with the plugin's authorizer stood aside.
    private func rowIDAlias(of table: String, _ authorizer: PluginAuthorizer) throws -> String? {
        let rows = try authorizer.standingAside {
            try Row.fetchAll(database, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [table])
        }
        let keys = rows.filter { ($0["pk"] as Int? ?? 0) > 0 }
        guard keys.count == 1, let key = keys.first, (key["type"] as String?)?.uppercased() == "INTEGER" else { return nil }
        return key["name"]
    }

    private func guarded(_ sql: String, _ work: () throws -> Void) throws {
        guard let authorizer else { return try work() }
        if checksPortability { try authorizer.scope.checkPortable(sql) { table in try rowIDAlias(of: table, authorizer) } }
        authorizer.beginStatement()
        do {
            try work()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_AUTH {
            if let refusal = authorizer.refusal { throw refusal }
            throw error
        }
    }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }
}
