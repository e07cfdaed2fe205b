import PluginAPI

/// ``PluginAPI/DataManagement`` over the tables the enabled plugins exposed: callers' text goes
/// through ``DataQueryParser``, and the statements run on the owning plugin's own database handle,
/// so the host's isolation applies to them as to the plugin.
final class HostDataManagement: DataManagement {
    private struct Exposed: Sendable {
        let declaration: DataTableDeclaration
        let info: DataTableInfo
        let pluginIndex: Int
    }

    static let maximumRows = 10_000

    private let exposed: [String: Exposed]
    let tables: [String: DataTableInfo]
    private let contexts: LateBound<[PluginContext]>

    init(plugins: [LoadedPlugin], contexts: LateBound<[PluginContext]>) {
        var exposed: [String: Exposed] = [:]
        for (index, plugin) in plugins.enumerated() {
            for table in plugin.registrar.dataTables where exposed[table.name] == nil {
                exposed[table.name] = Exposed(declaration: table, info: DataTableInfo(pluginID: plugin.id, readPermission: table.readPermission,
                                                                                       writePermission: table.writePermission, columns: table.columns),
                                              pluginIndex: index)
            }
        }
        self.exposed = exposed
        tables = exposed.mapValues(\.info)
        self.contexts = contexts
    }

    private func find(_ table: String) throws -> (Exposed, PluginContext) {
        guard let found = exposed[table] else {
            throw OMCError.notFound("no plugin exposes the table '\(table)'; the tables are \(exposed.keys.sorted().joined(separator: ", "))")
        }
        guard let context = contexts.value?[found.pluginIndex] else { throw OMCError(.internal, "the data service is not ready") }
        return (found, context)
    }

    func select(table: String, statement: String?, isStatement: Bool, limit: Int, offset: Int) async throws -> [[String: JSONValue]] {
        let (found, context) = try find(table)
        let parser = DataQueryParser(table: table, columns: found.declaration.columns)
        let parsed: DataQueryParser.Statement
        do {
            if isStatement {
                parsed = try parser.statement(statement ?? "")
            } else {
                let readable = found.declaration.columns.filter { $0.access != .secret }
                parsed = DataQueryParser.Statement(columns: readable, filter: try statement.map { text throws(DataQueryRefusal) in try parser.condition(text) },
                                                   order: [])
            }
        } catch {
            throw OMCError.invalid(isStatement ? "SQL" : "WHERE", "at position \(error.position): \(error.rule)")
        }
        let select = Self.selectSQL(parsed, table: found.declaration.table, limit: min(max(limit, 1), Self.maximumRows), offset: max(offset, 0))
        let columns = parsed.columns
        return try await context.database.read { db in
            try db.query(select.sql, select.arguments).map { row in
                Dictionary(uniqueKeysWithValues: columns.map { column in (column.name, Self.json(row[column.column])) })
            }
        }
    }

    /// The SQL of a parsed statement: names from the declaration, values as arguments.
    static func selectSQL(_ statement: DataQueryParser.Statement, table: String, limit: Int, offset: Int) -> (sql: String, arguments: [SQLValue]) {
        var sql = "SELECT " + statement.columns.map(\.column).joined(separator: ", ") + " FROM " + table
        if let filter = statement.filter { sql += " WHERE " + filter.sql }
        if !statement.order.isEmpty {
            sql += " ORDER BY " + statement.order.map { "\($0.column) \($0.descending ? "DESC" : "ASC")" }.joined(separator: ", ")
        }
        sql += " LIMIT ? OFFSET ?"
        return (sql, (statement.filter?.arguments ?? []) + [.int(limit), .int(offset)])
    }

    func update(table: String, condition: String, changes: [String: JSONValue], caller: Caller?) async throws -> Int {
        let (found, context) = try find(table)
        guard let update = found.declaration.update else { throw OMCError(.forbidden, "the table \(table) cannot be changed") }
        let filter: DataFilter
        do {
            filter = try DataQueryParser(table: table, columns: found.declaration.columns).condition(condition)
        } catch {
            throw OMCError.invalid("WHERE", "at position \(error.position): \(error.rule)")
        }
        if changes.isEmpty { throw OMCError.invalid(table, "names no column to change") }
        var problems: [LocalizedMessage] = []
        var values: [String: SQLValue] = [:]
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            guard let column = found.declaration.columns.first(where: { $0.name == name }) else {
                problems.append("\(table).\(name): is not a column of \(table)")
                continue
            }
            guard column.access == .writable else {
                problems.append(column.access == .secret ? "\(table).\(name): is secret and cannot be changed here"
                                                         : "\(table).\(name): is read-only")
                continue
            }
            switch (column.kind, value) {
            case (.text, .string(let text)): values[name] = .text(text)
            case (.integer, _) where value.intValue != nil: values[name] = .integer(Int64(value.intValue ?? 0))
            case (.real, .number(let number)): values[name] = .real(number)
            case (.text, _): problems.append("\(table).\(name): must be a string")
            case (.integer, _): problems.append("\(table).\(name): must be an integer")
            case (.real, _): problems.append("\(table).\(name): must be a number")
            }
        }
        guard problems.isEmpty else { throw OMCError(.invalidInput, problems.joined(separator: "; ")) }
        return try await update(DataUpdate(filter: filter, changes: values, caller: caller), context)
    }

    static func json(_ value: SQLValue) -> JSONValue {
        switch value {
        case .null: .null
        case .integer(let number): .number(Double(number))
        case .real(let number): .number(number)
        case .text(let text): .string(text)
        case .blob(let bytes): .string(String(decoding: bytes, as: UTF8.self))
        }
    }
}
