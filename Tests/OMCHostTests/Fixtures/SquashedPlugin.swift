import PluginAPI

/// A plugin whose SQLite-only history (v1, v2) is replaced by a portable baseline, with a migration
/// after it: the shape of UDM's, PCF's and Security's migrations.
struct SquashedPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "squash", version: "1.1.0", kind: .feature, summary: "Test a baseline migration")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.sqliteOnlyMigration("v1_items", sql: "CREATE TABLE squash_item (k TEXT NOT NULL PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID")
        plugin.migration("v2_note", sql: "ALTER TABLE squash_item ADD COLUMN note TEXT")
        plugin.baseline("v1_1_baseline", sql: "CREATE TABLE squash_item (k TEXT NOT NULL PRIMARY KEY, data BYTEA NOT NULL, note TEXT)",
                        replaces: ["v1_items", "v2_note"])
        plugin.migration("v3_index", sql: "CREATE INDEX squash_item_by_note ON squash_item (note)")
    }
}

/// A plugin with an SQLite-only migration and no baseline: a fresh database would run it, so start-up stops.
struct UnreplacedHistoryPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "unsquashed", version: "1.0.0", kind: .feature, summary: "Test an unreplaced history")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.sqliteOnlyMigration("v1_items", sql: "CREATE TABLE unsquashed_item (k TEXT PRIMARY KEY) WITHOUT ROWID")
    }
}
