/// A table a plugin exposes to the document's data-management routes
/// (`/api/rest/dataManagement/v1/omc_db/{name}`): which of its columns callers may read, filter on
/// and write. Callers' filters (`WHERE=…`, `SQL=SELECT …`) are parsed by the host's grammar into
/// parameterised SQL over these columns only; nothing a caller writes reaches the database as SQL.
public struct DataTableDeclaration: Sendable {
    /// The document's table name (`ne_info`, `user`): lower-case letters, digits and `_`.
    public let name: String
    /// The plugin's own table it reads (`ne_info`, `security_user`).
    public let table: String
    /// The exposed columns; a column not listed does not exist for callers.
    public let columns: [DataColumn]
    /// The right to read it (`ne:info:query`).
    public let readPermission: String
    /// The right to change it; `nil` when nothing is writable.
    public let writePermission: String?
    /// Applies a change through the plugin's own rules: it receives the rows' filter (SQL built by the
    /// grammar, to use as `WHERE \(filter.sql)` on ``table`` with `filter.arguments`) and the changes
    /// of writable columns, already type-checked; it refuses what its rules refuse (an `OMCError`
    /// naming the column) and returns how many rows it changed.
    public let update: (@Sendable (DataUpdate, PluginContext) async throws -> Int)?

    /// A declaration.
    public init(name: String, table: String, columns: [DataColumn], readPermission: String, writePermission: String? = nil,
                update: (@Sendable (DataUpdate, PluginContext) async throws -> Int)? = nil) {
        self.name = name
        self.table = table
        self.columns = columns
        self.readPermission = readPermission
        self.writePermission = writePermission
        self.update = update
    }
}

/// One exposed column.
public struct DataColumn: Sendable, Hashable {
    /// What callers may do with a column.
    public enum Access: Sendable, Hashable {
        /// Read and filter.
        case readable
        /// Read, filter and change (through the owner's ``DataTableDeclaration/update``).
        case writable
        /// Never read, filtered on or written: a filter naming it is refused (it would reveal the
        /// value one guess at a time). Declare secrets so the refusal says why.
        case secret
    }

    /// The values a column holds, which decide the literals a filter may compare it with.
    public enum Kind: Sendable, Hashable {
        /// Text: compared with strings (a number is taken as its text).
        case text
        /// Whole numbers: compared with integers (or strings of digits).
        case integer
        /// Numbers.
        case real
    }

    /// The name callers use (`ne_type`, `name`).
    public let name: String
    /// The SQL column of the owner's table (a plain lower-case name).
    public let column: String
    /// Its values.
    public let kind: Kind
    /// What callers may do.
    public let access: Access

    /// A column; `column` defaults to `name`.
    public init(_ name: String, column: String? = nil, kind: Kind = .text, access: Access = .readable) {
        self.name = name
        self.column = column ?? name
        self.kind = kind
        self.access = access
    }
}

/// A change asked of a data-management table, checked by the host: the filter was built by its
/// grammar, and every change names a writable column with a value of the column's kind.
public struct DataUpdate: Sendable {
    /// The rows to change, as an SQL condition on the owner's table (never empty).
    public let filter: DataFilter
    /// The changes, by the callers' column name (``DataColumn/name``).
    public let changes: [String: SQLValue]
    /// Who asked.
    public let caller: Caller?

    /// A change.
    public init(filter: DataFilter, changes: [String: SQLValue], caller: Caller?) {
        self.filter = filter
        self.changes = changes
        self.caller = caller
    }
}

/// An SQL condition built by the host's filter grammar: `sql` names only declared columns and
/// holds a `?` for each of `arguments`.
public struct DataFilter: Sendable, Hashable {
    /// The condition (`(ne_type = ?) AND (port > ?)`).
    public let sql: String
    /// The values, in order.
    public let arguments: [SQLValue]

    /// A condition.
    public init(sql: String, arguments: [SQLValue]) {
        self.sql = sql
        self.arguments = arguments
    }
}
