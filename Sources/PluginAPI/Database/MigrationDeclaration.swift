/// A named, forward-only change to a plugin's tables. The host runs each migration once, in the
/// order declared, in its own transaction, and records it as `<plugin id>.<name>`. A migration that
/// has run must never be edited: add a new one.
public struct MigrationDeclaration: Sendable {
    /// The name, unique within the plugin (`v1_create_sub`).
    public let name: String
    /// The change.
    public let apply: @Sendable (any DatabaseConnection) throws -> Void
}
