/// A named, forward-only change to a plugin's tables. The host runs each migration once, in the
/// order declared, in its own transaction, and records it as `<plugin id>.<name>`. A migration that
/// has run must never be edited: add a new one.
public struct MigrationDeclaration: Sendable {
    /// The name, unique within the plugin (`v1_create_sub`).
    public let name: String
    /// The SQL text, for a migration declared as SQL; the host checks it for portability at start.
    public let sql: String?
    /// Whether it runs on SQLite only and unchecked (``PluginRegistrar/sqliteOnlyMigration(_:sql:)``).
    public let sqliteOnly: Bool
    /// For a baseline (``PluginRegistrar/baseline(_:sql:replaces:)``), the migrations it stands for;
    /// empty for every other migration.
    public let replaces: [String]
    /// The change.
    public let apply: @Sendable (any DatabaseConnection) throws -> Void
}
