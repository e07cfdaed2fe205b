import GRDB
import GRDBSQLite

/// SQLite's authorizer for one plugin's read, write or migration: while the plugin's closure runs,
/// every statement SQLite compiles on the connection is checked here, so isolation is enforced by the
/// engine and not by convention. A plugin reaches only the tables, indexes, triggers and views named
/// with its prefix (`<plugin id>_`); the migration bookkeeping, other plugins' tables, the schema
/// catalogue, `ATTACH`, `PRAGMA`, transaction control and temporary objects are refused, and so is
/// `UPDATE` of a table the plugin declared append-only.
///
/// The object lives for one closure on one connection (the connection's serial queue), so it needs
/// no lock; SQLite calls it synchronously while compiling.
final class PluginAuthorizer {
    let scope: DatabaseScope
    /// The first refusal of the statement being compiled, to replace SQLite's bare "not authorized".
    private(set) var refusal: DatabaseAccessRefusal?
    /// SQLite compiles `CREATE`, `DROP` and `ALTER` into reads and writes of its schema table; those are
    /// allowed only after the plugin's own schema change was, until the next statement starts.
    private var changingOwnSchema = false
    /// True while the host compiles a statement of its own inside the plugin's closure.
    private var hostIsAsking = false

    init(scope: DatabaseScope) {
        self.scope = scope
    }

    /// Forgets what the previous statement did; called before each statement the plugin runs.
    func beginStatement() {
        refusal = nil
        changingOwnSchema = false
    }

    /// Runs `body` with this authorizer on `database`, then removes it. Setting an authorizer makes
    /// SQLite expire every prepared statement of the connection, so statements cached earlier (by the
    /// host or another plugin) are compiled again, and checked, before they run in this closure.
    func run<T>(on database: Database, _ body: () throws -> T) rethrows -> T {
        let handle = database.sqliteConnection
        sqlite3_set_authorizer(handle, { context, action, first, second, _, source in
            guard let context else { return SQLITE_DENY }
            let authorizer = Unmanaged<PluginAuthorizer>.fromOpaque(context).takeUnretainedValue()
            return authorizer.authorize(action, first.map { String(cString: $0) }, second.map { String(cString: $0) },
                                        viaTriggerOrView: source.map { String(cString: $0) })
        }, Unmanaged.passUnretained(self).toOpaque())
        defer { sqlite3_set_authorizer(handle, nil, nil) }
        return try withExtendedLifetime(self) { try body() }
    }

    /// Runs the host's own `work` inside the plugin's closure without the plugin's limits. Only for
    /// uncached statements that are finished before it returns, so none is left for the plugin.
    func standingAside<T>(_ work: () throws -> T) rethrows -> T {
        hostIsAsking = true
        defer { hostIsAsking = false }
        return try work()
    }

    /// Removes GRDB's own authorizer from a new connection, so that every connection behaves the same
    /// whether or not a plugin has used it yet (``run(on:_:)`` leaves none behind). The host uses no
    /// GRDB feature that needs it (observation, schema introspection); see DECISIONS 130.
    static func removeDefault(from database: Database) {
        sqlite3_set_authorizer(database.sqliteConnection, nil, nil)
    }

    private static let schemaTables: Set<String> = ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"]

    private func authorize(_ action: CInt, _ first: String?, _ second: String?, viaTriggerOrView source: String?) -> CInt {
        if hostIsAsking { return SQLITE_OK }
        switch action {
        case SQLITE_SELECT, SQLITE_RECURSIVE:
            changingOwnSchema = false
            return SQLITE_OK
        case SQLITE_FUNCTION:
            return SQLITE_OK
        case SQLITE_READ:
            guard let table = first else { return SQLITE_OK }
            if Self.schemaTables.contains(table.lowercased()) {
                return changingOwnSchema ? SQLITE_OK : deny("read", "the schema catalogue \(table)")
            }
            return own(table) ? SQLITE_OK : deny("read", "table \(table)", source)
        case SQLITE_INSERT, SQLITE_DELETE, SQLITE_UPDATE:
            guard let table = first else { return SQLITE_DENY }
            // SQLite itself refuses direct edits of its schema table (they would need the refused
            // `PRAGMA writable_schema`); these are the edits a permitted CREATE or DROP compiles into.
            if Self.schemaTables.contains(table.lowercased()) { return SQLITE_OK }
            let verb = action == SQLITE_INSERT ? "insert into" : action == SQLITE_DELETE ? "delete from" : "update"
            guard own(table) else { return deny(verb, "table \(table)", source) }
            if action == SQLITE_UPDATE, scope.appendOnlyTables.contains(table.lowercased()) {
                return deny("update", "table \(table), which it declared append-only", source)
            }
            return SQLITE_OK
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_VIEW, SQLITE_DROP_TABLE, SQLITE_DROP_VIEW, SQLITE_REINDEX:
            return ownSchemaChange(action, [first])
        case SQLITE_CREATE_INDEX, SQLITE_DROP_INDEX:
            // SQLite names the index it makes for a UNIQUE or PRIMARY KEY constraint itself.
            let automatic = first?.lowercased().hasPrefix("sqlite_autoindex_") == true
            return ownSchemaChange(action, automatic ? [second] : [first, second])
        case SQLITE_CREATE_TRIGGER, SQLITE_DROP_TRIGGER:
            return ownSchemaChange(action, [first, second])
        case SQLITE_ALTER_TABLE:
            return ownSchemaChange(action, [second])
        case SQLITE_PRAGMA:
            return deny("run", "PRAGMA \(first ?? "")")
        case SQLITE_ATTACH:
            return deny("attach", "database \(first ?? "")")
        case SQLITE_DETACH:
            return deny("detach", "database \(first ?? "")")
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return deny("control", "the transaction (\(first ?? "")): the host begins and ends it around the closure")
        case SQLITE_CREATE_TEMP_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW,
             SQLITE_DROP_TEMP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW:
            return deny("create or drop", "temporary object \(first ?? ""): connections are shared")
        default:
            return deny("run", "this kind of statement (SQLite action \(action))")
        }
    }

    private func ownSchemaChange(_ action: CInt, _ names: [String?]) -> CInt {
        for case let name? in names where !own(name) {
            return deny(Self.schemaVerb(action), "\(name)")
        }
        changingOwnSchema = true
        return SQLITE_OK
    }

    private static func schemaVerb(_ action: CInt) -> String {
        switch action {
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_VIEW, SQLITE_CREATE_INDEX, SQLITE_CREATE_TRIGGER: "create"
        case SQLITE_ALTER_TABLE: "alter"
        case SQLITE_REINDEX: "reindex"
        default: "drop"
        }
    }

    private func own(_ name: String) -> Bool {
        name.lowercased().hasPrefix(scope.prefix)
    }

    private func deny(_ verb: String, _ object: String, _ source: String? = nil) -> CInt {
        if refusal == nil {
            refusal = DatabaseAccessRefusal(pluginID: scope.pluginID, verb: verb, object: object, prefix: scope.prefix, via: source)
        }
        return SQLITE_DENY
    }
}
