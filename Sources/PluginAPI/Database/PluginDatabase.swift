/// The OMC database, as a plugin reaches it.
///
/// Each `write` is one transaction: it commits when the closure returns and rolls back when it
/// throws, so nothing half-done is ever visible. A plugin uses only its own tables, prefixed by its id.
public protocol PluginDatabase: Sendable {
    /// Runs `work` with a read-only connection that sees one consistent snapshot.
    func read<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T
    /// Runs `work` in one transaction.
    func write<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T
}
