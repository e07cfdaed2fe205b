import GRDB
import PluginAPI

/// A migration that failed, naming its plugin and migration.
struct MigrationFailure: Error, CustomStringConvertible {
    let pluginID: String
    let migration: String
    let underlying: any Error

    var description: String { "migration \(migration) of plugin \(pluginID) failed: \(underlying)" }
}

/// Runs the plugins' migrations, in plugin dependency order then declaration order, each once, in
/// its own transaction, recorded as `<plugin id>.<name>` in GRDB's `grdb_migrations` table.
/// Migrations recorded by a plugin that is now disabled are left alone.
enum MigrationRunner {
    static func migrate(_ plugins: [LoadedPlugin], in database: HostDatabase) throws {
        var migrator = DatabaseMigrator()
        for plugin in plugins {
            for migration in plugin.registrar.migrations {
                let pluginID = plugin.id
                migrator.registerMigration("\(pluginID).\(migration.name)") { db in
                    do {
                        try migration.apply(GRDBConnection(database: db))
                    } catch {
                        throw MigrationFailure(pluginID: pluginID, migration: migration.name, underlying: error)
                    }
                }
            }
        }
        do {
            try migrator.migrate(database.writer)
        } catch let failure as MigrationFailure {
            throw failure
        } catch {
            throw MigrationFailure(pluginID: "omc", migration: "(bookkeeping)", underlying: error)
        }
    }

    /// Identifiers of every migration recorded in the database.
    static func applied(in database: HostDatabase) throws -> Set<String> {
        try database.writer.read { db in try DatabaseMigrator().appliedIdentifiers(db) }
    }
}
