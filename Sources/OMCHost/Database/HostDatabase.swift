import Foundation
import GRDB
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
        var configuration = Configuration()
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
        HostDatabase(writer: try DatabaseQueue())
    }

    package func read<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await writer.read { db in try work(GRDBConnection(database: db)) }
    }

    package func write<T: Sendable>(_ work: @escaping @Sendable (any DatabaseConnection) throws -> T) async throws -> T {
        try await writer.write { db in try work(GRDBConnection(database: db)) }
    }

    /// Closes the connections; later calls fail.
    package func close() throws {
        if let pool = writer as? DatabasePool { try pool.close() }
        if let queue = writer as? DatabaseQueue { try queue.close() }
    }
}
