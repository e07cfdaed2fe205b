/// The document's data-management service (`context.data`): reads of the tables plugins exposed
/// with ``PluginRegistrar/dataTable(_:)``, filtered by the host's grammar, and changes through the
/// owning plugin's rules. Callers' text never reaches the database as SQL: it is parsed, and a
/// refusal names its position and the rule it breaks.
public protocol DataManagement: Sendable {
    /// The exposed tables, by the document's name.
    var tables: [String: DataTableInfo] { get }
    /// Rows of `table` matching `statement`: a `WHERE` condition (`ne_type = 'UDM' AND port > 3000`)
    /// or, with `isStatement`, a whole `SELECT … FROM <table> [WHERE …] [ORDER BY …]`; at most `limit`
    /// rows after skipping `offset`. Rows are keyed by the callers' column names; secret columns never
    /// appear.
    func select(table: String, statement: String?, isStatement: Bool, limit: Int, offset: Int) async throws -> [[String: JSONValue]]
    /// Changes the rows of `table` matching `condition` (required: a change of every row must say so,
    /// `1 = 1` is refused) through the owner's rules; returns how many rows changed.
    func update(table: String, condition: String, changes: [String: JSONValue], caller: Caller?) async throws -> Int
}

/// An exposed table, as ``DataManagement/tables`` lists it.
public struct DataTableInfo: Sendable, Hashable {
    /// The plugin that owns it.
    public let pluginID: String
    /// The right to read it.
    public let readPermission: String
    /// The right to change it, `nil` when nothing is writable.
    public let writePermission: String?
    /// The exposed columns (secret ones included, so that refusals can name them).
    public let columns: [DataColumn]

    /// A description.
    public init(pluginID: String, readPermission: String, writePermission: String?, columns: [DataColumn]) {
        self.pluginID = pluginID
        self.readPermission = readPermission
        self.writePermission = writePermission
        self.columns = columns
    }
}

/// What a context holds when no host built it: no tables.
public struct NoDataManagement: DataManagement {
    /// The service.
    public init() {}
    /// None.
    public var tables: [String: DataTableInfo] { [:] }
    /// Every table is unknown.
    public func select(table: String, statement: String?, isStatement: Bool, limit: Int, offset: Int) async throws -> [[String: JSONValue]] {
        throw OMCError.notFound("no plugin exposes the table '\(table)'")
    }
    /// Every table is unknown.
    public func update(table: String, condition: String, changes: [String: JSONValue], caller: Caller?) async throws -> Int {
        throw OMCError.notFound("no plugin exposes the table '\(table)'")
    }
}
