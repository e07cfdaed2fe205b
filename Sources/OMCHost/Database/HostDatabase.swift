import Foundation
import GRDB
import GRDBSQLite
package import PluginAPI

/// The OMC database: SQLite through GRDB, in WAL mode in the data folder, or in memory for the
/// mock host. Plugins see it only as ``PluginAPI/PluginDatabase``.
package final class HostDatabase: PluginDatabase {
    let writer: any DatabaseWriter

    private init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Opens (creating if needed) `omc.sqlite` in `directory`, in WAL mode so that readers never
    /// wait for writers. The folder and the database files are made owner-only first
    /// (``DataFolderPermissions``), and again once open, for files the opening created.
    package static func open(directory: String) throws -> HostDatabase {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try DataFolderPermissions.tighten(directory: directory)
        var configuration = Self.configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let path = (directory as NSString).appendingPathComponent("omc.sqlite")
        let pool = try DatabasePool(path: path, configuration: configuration)
        try DataFolderPermissions.tighten(directory: directory)
        return HostDatabase(writer: pool)
    }

    /// A private in-memory database, for the mock host and the conformance check.
    package static func inMemory() throws -> HostDatabase {
        HostDatabase(writer: try DatabaseQueue(configuration: configuration()))
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in PluginAuthorizer.removeDefault(from: db) }
        return configuration
    }

    /// The database as the plugin of `scope` sees it: every closure runs under its ``PluginAuthorizer``.
    /// `checksPortability` is off only in tests that prove what the engine refuses by itself.
    package func scoped(to scope: DatabaseScope, checksPortability: Bool = true) -> any PluginDatabase {
        ScopedDatabase(host: self, scope: scope, checksPortability: checksPortability)
    }

    /// Runs `work` on `db` as the plugin of `scope`; the host's own statements before and after are not affected.
    static func run<T>(_ work: (any DatabaseConnection) throws -> T, on db: GRDB.Database, as scope: DatabaseScope,
                       checksPortability: Bool = true) throws -> T {
        let authorizer = PluginAuthorizer(scope: scope)
        return try authorizer.run(on: db) {
            try work(GRDBConnection(database: db, authorizer: authorizer, checksPortability: checksPortability))
        }
    }

    package func read<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await writer.read { db in try work(GRDBConnection(database: db, authorizer: nil)) }
    }

    package func write<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await writer.write { db in try work(GRDBConnection(database: db, authorizer: nil)) }
    }

    /// The engine and its version, for ``PluginAPI/HostInfo/databaseEngine``.
    var engine: String { "SQLite " + String(cString: sqlite3_libversion()) }

    /// Closes the connections; later calls fail.
    package func close() throws {
        if let pool = writer as? DatabasePool { try pool.close() }
        if let queue = writer as? DatabaseQueue { try queue.close() }
    }
}

/// One plugin's ``PluginDatabase``: the host's database behind that plugin's authorizer.
private struct ScopedDatabase: PluginDatabase {
    let host: HostDatabase
    let scope: DatabaseScope
    let checksPortability: Bool

    func read<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        let (scope, checks) = (scope, checksPortability)
        return try await host.writer.read { db in try HostDatabase.run(work, on: db, as: scope, checksPortability: checks) }
    }

    func write<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        let (scope, checks) = (scope, checksPortability)
        return try await host.writer.write { db in try HostDatabase.run(work, on: db, as: scope, checksPortability: checks) }
    }
}
