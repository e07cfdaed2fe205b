import PluginAPI

/// A plugin that only owns tables, so that tests can run any SQL through the handle it gets
/// (`MockHost.database(of: "probe")`) and see what the host lets through.
struct ProbePlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "probe", version: "1.0.0", kind: .feature, summary: "Test database isolation")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_tables", sql: """
            CREATE TABLE probe_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE INDEX probe_item_by_name ON probe_item (name);
            CREATE TABLE probe_log (id INTEGER PRIMARY KEY, line TEXT NOT NULL)
            """)
        plugin.appendOnly("probe_log")
    }
}

/// A plugin whose migration indexes another plugin's table: start-up must stop, naming both.
struct TrespassingMigrationPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "trespass", version: "1.0.0", kind: .feature, summary: "Test a trespassing migration")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_index_theirs", sql: "CREATE INDEX trespass_by_name ON inventory_item (name)")
    }
}

/// A plugin whose migration is SQLite-only: start-up must stop, naming the construct and its portable form.
struct SQLiteOnlyMigrationPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "rowid", version: "1.0.0", kind: .feature, summary: "Test a non-portable migration")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_table", sql: "CREATE TABLE rowid_pair (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
    }
}
