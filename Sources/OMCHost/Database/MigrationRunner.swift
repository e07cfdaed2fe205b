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
/// Migrations recorded by a plugin that is now disabled are left alone. Each runs under its plugin's
/// ``PluginAuthorizer``; SQL-declared migrations are checked for portability before any runs
/// (SQLite-only ones excepted), so a plugin with a non-portable migration stops start-up.
enum MigrationRunner {
    /// - Parameter only: runs only the migrations it accepts (an upgrade test builds an older database).
    static func migrate(_ plugins: [LoadedPlugin], in database: HostDatabase,
                        only: (@Sendable (MigrationDeclaration) -> Bool)? = nil) throws {
        try checkPortability(plugins)
        var migrator = DatabaseMigrator()
        for plugin in plugins {
            let scope = plugin.databaseScope()
            for migration in plugin.registrar.migrations where only?(migration) ?? true {
                let pluginID = plugin.id
                migrator.registerMigration("\(pluginID).\(migration.name)") { db in
                    defer { db.clearSchemaCache() } // GRDB's own authorizer, which would note schema changes, is removed
                    do {
                        try HostDatabase.run(migration.apply, on: db, as: scope, checksPortability: !migration.sqliteOnly)
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

    /// Throws for the first SQL-declared migration that uses an SQLite-only construct.
    static func checkPortability(_ plugins: [LoadedPlugin]) throws {
        for plugin in plugins {
            for migration in plugin.registrar.migrations where !migration.sqliteOnly {
                guard let sql = migration.sql, let problem = PortableSQL.problems(in: sql).first else { continue }
                throw MigrationFailure(pluginID: plugin.id, migration: migration.name,
                                       underlying: PortableSQLViolation(pluginID: plugin.id, problem: problem))
            }
        }
    }

    /// Identifiers of every migration recorded in the database.
    static func applied(in database: HostDatabase) throws -> Set<String> {
        try database.writer.read { db in try DatabaseMigrator().appliedIdentifiers(db) }
    }
}
