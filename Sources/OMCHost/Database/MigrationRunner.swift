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
/// ``PluginAuthorizer``; SQL-declared migrations a fresh database runs are checked for portability
/// before any runs, so a plugin with a non-portable one stops start-up. A plugin's baseline runs in
/// place of the migrations it replaces on a database that recorded none of them (DECISIONS 135).
enum MigrationRunner {
    /// - Parameter only: runs only the migrations it accepts (an upgrade test builds an older database).
    static func migrate(_ plugins: [LoadedPlugin], in database: HostDatabase,
                        only: (@Sendable (MigrationDeclaration) -> Bool)? = nil) throws {
        try checkPortability(plugins)
        let recorded = try applied(in: database)
        var migrator = DatabaseMigrator()
        for plugin in plugins {
            let scope = plugin.databaseScope()
            let pluginID = plugin.id
            let declared = plugin.registrar.migrations.filter { only?($0) ?? true }
            let baseline = declared.first { !$0.replaces.isEmpty }
            let fresh = baseline.map { baseline in
                ([baseline.name] + baseline.replaces).allSatisfy { !recorded.contains("\(pluginID).\($0)") }
            } ?? false
            for migration in declared {
                if fresh, baseline?.replaces.contains(migration.name) == true { continue } // the baseline stands for it
                let isBaseline = !migration.replaces.isEmpty
                migrator.registerMigration("\(pluginID).\(migration.name)") { db in
                    defer { db.clearSchemaCache() } // GRDB's own authorizer, which would note schema changes, is removed
                    // On a database with history the baseline is recorded only: that history made its schema.
                    guard fresh || !isBaseline else { return }
                    do {
                        try HostDatabase.run(migration.apply, on: db, as: scope, checksPortability: !migration.sqliteOnly)
                    } catch {
                        throw MigrationFailure(pluginID: pluginID, migration: migration.name, underlying: error)
                    }
                    for replaced in migration.replaces {
                        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["\(pluginID).\(replaced)"])
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

    /// Throws for the first problem ``portabilityProblems(of:)`` finds.
    static func checkPortability(_ plugins: [LoadedPlugin]) throws {
        for plugin in plugins {
            guard let first = portabilityProblems(of: plugin).first else { continue }
            throw MigrationFailure(pluginID: plugin.id, migration: first.migration,
                                   underlying: PortableSQLViolation(pluginID: plugin.id, problem: first.problem))
        }
    }

    /// Every SQLite-only construct in a migration a fresh database runs (all but those a baseline
    /// replaces), with the migration's name; an SQLite-only migration that no baseline replaces is one.
    static func portabilityProblems(of plugin: LoadedPlugin) -> [(migration: String, problem: String)] {
        let migrations = plugin.registrar.migrations
        let replaced = Set(migrations.flatMap(\.replaces))
        return migrations.filter { !replaced.contains($0.name) }.flatMap { migration in
            guard !migration.sqliteOnly else {
                return [(migration.name, "SQLite-only migrations run only on databases that recorded them: declare a "
                                         + "portable baseline (PluginRegistrar.baseline) that replaces it, so that a fresh database does not run it")]
            }
            return PortableSQL.problems(in: migration.sql ?? "").map { (migration.name, $0) }
        }
    }
    /// The SQL of the migrations a fresh database runs for `plugin`, in order: the baseline instead of
    /// the history it replaces. Migrations written in code have no text and are left out.
    static func freshSQL(of plugin: LoadedPlugin) -> [String] {
        let replaced = Set(plugin.registrar.migrations.flatMap(\.replaces))
        return plugin.registrar.migrations.filter { !replaced.contains($0.name) }.compactMap(\.sql)
    }

    /// Identifiers of every migration recorded in the database.
    static func applied(in database: HostDatabase) throws -> Set<String> {
        try database.writer.read { db in try DatabaseMigrator().appliedIdentifiers(db) }
    }
}
