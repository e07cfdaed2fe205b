import GRDB
package import PluginAPI
import Foundation

/// The checks every plugin's tests run through the mock host: a plugin that passes them can be
/// loaded, migrated, routed, documented and audited by the host.
package enum ConformanceCheck {
    /// The SQL of the migrations a fresh database runs for `plugin`, loaded with its defaults next to
    /// `dependencies`, to try on another engine.
    package static func freshMigrationSQL(of plugin: any OMCPlugin.Type, dependencies: [any OMCPlugin.Type]) throws -> [String] {
        let text = "plugins:\n" + ([plugin] + dependencies).map { "  - id: \($0.manifest.id)\n" }.joined()
        let assembly = try HostAssembly.assemble(try PluginsFile.parse(text, path: "plugins.yaml"), catalog: PluginCatalog([plugin] + dependencies))
        return assembly.plugins.first { $0.id == plugin.manifest.id }.map(MigrationRunner.freshSQL(of:)) ?? []
    }

    /// Every problem found with `plugin`, loaded with its defaults next to `dependencies`.
    package static func problems(of plugin: any OMCPlugin.Type, dependencies: [any OMCPlugin.Type]) async -> [String] {
        let manifest = plugin.manifest
        var problems = ManifestRules.problems(of: manifest).map { "manifest: \($0)" }
        let ids = ([plugin] + dependencies).map { $0.manifest.id }
        let text = "plugins:\n" + ids.map { "  - id: \($0)\n" }.joined()
        let assembly: HostAssembly
        do {
            let file = try PluginsFile.parse(text, path: "plugins.yaml")
            assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([plugin] + dependencies))
        } catch {
            return problems + ["does not load with its default configuration: \(error)"]
        }
        guard let loaded = assembly.plugins.first(where: { $0.id == manifest.id }) else { return problems }
        problems += declarationProblems(loaded)
        let portability = portabilityProblems(loaded)
        problems += portability
        // Non-portable migrations stop the migration run itself; their problems are listed above.
        if portability.isEmpty {
            problems += await migrationProblems(loaded, all: assembly.plugins)
            problems += baselineProblems(loaded, all: assembly.plugins)
        }
        return problems
    }

    private static func declarationProblems(_ plugin: LoadedPlugin) -> [String] {
        var problems: [String] = []
        let registrar = plugin.registrar
        for route in registrar.routes {
            let name = "route \(route.method.rawValue) \(route.path)"
            if route.summary.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(name) has no summary") }
            if case .required(let permission) = route.permission, !permission.hasPrefix(plugin.id + ":") && !permission.hasPrefix(plugin.id.replacingOccurrences(of: "-", with: "") + ":") {
                problems.append("\(name): permission '\(permission)' should start with the plugin id '\(plugin.id):'")
            }
        }
        for command in registrar.mmlCommands {
            if command.help.english.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("MML command \(command.name) has no help") }
            if command.privilege == .open { problems.append("MML command \(command.name) is open to callers without a session") }
            for parameter in command.parameters where parameter.help.english.isEmpty {
                problems.append("MML command \(command.name): parameter \(parameter.name) has no help")
            }
        }
        switch (plugin.manifest.kind, registrar.neType) {
        case (.neType(let name), nil): problems.append("NE-type plugin for \(name) declares no NE type descriptor")
        default: break
        }
        for job in registrar.jobs where job.summary.isEmpty { problems.append("job \(job.name) has no summary") }
        return problems
    }

    /// Every SQLite-only construct in the migrations a fresh database runs (the history a baseline
    /// replaces is not run there).
    private static func portabilityProblems(_ plugin: LoadedPlugin) -> [String] {
        MigrationRunner.portabilityProblems(of: plugin).map { "migration \($0.migration): \($0.problem)" }
    }

    /// Migrations apply on an empty database, a second run changes nothing, every table is the plugin's
    /// own, and the schema they leave there is portable.
    private static func migrationProblems(_ plugin: LoadedPlugin, all plugins: [LoadedPlugin]) async -> [String] {
        do {
            let database = try HostDatabase.inMemory()
            let others = plugins.filter { $0.id != plugin.id }
            try MigrationRunner.migrate(others, in: database)
            let before = try schema(of: database)
            try MigrationRunner.migrate(plugins, in: database)
            let after = try schema(of: database)
            try MigrationRunner.migrate(plugins, in: database)
            var problems: [String] = []
            if try schema(of: database) != after { problems.append("a second run of the migrations changed the schema") }
            let prefix = plugin.id.replacingOccurrences(of: "-", with: "_") + "_"
            for (name, _) in after where before[name] == nil && !name.hasPrefix(prefix) && !name.hasPrefix("sqlite_") {
                problems.append("migration created '\(name)', which does not start with '\(prefix)'")
            }
            // What a fresh database holds was made by portable SQL only (the SQLite-only history is not run there).
            for (name, sql) in after.sorted(by: { $0.key < $1.key }) where before[name] == nil {
                for problem in PortableSQL.problems(in: sql) { problems.append("a fresh database holds '\(name)' made by SQLite-only SQL: \(problem)") }
            }
            return problems
        } catch {
            return ["migrations fail on an empty database: \(error)"]
        }
    }

    /// The plugin's baseline makes on a fresh database the schema its replaced history makes on an old one.
    private static func baselineProblems(_ plugin: LoadedPlugin, all plugins: [LoadedPlugin]) -> [String] {
        guard let baseline = plugin.registrar.migrations.first(where: { !$0.replaces.isEmpty }) else { return [] }
        do {
            let fresh = try HostDatabase.inMemory(), old = try HostDatabase.inMemory()
            try MigrationRunner.migrate(plugins, in: fresh)
            try MigrationRunner.migrate(plugins, in: old, only: { $0.replaces.isEmpty }) // every plugin's history, as an old site ran it
            let prefix = plugin.id.replacingOccurrences(of: "-", with: "_") + "_"
            let made = try SchemaShape.lines(of: fresh, prefix: prefix), history = try SchemaShape.lines(of: old, prefix: prefix)
            return made.filter { !history.contains($0) }.map { "baseline \(baseline.name) makes \($0), which its replaced migrations do not" }
                + history.filter { !made.contains($0) }.map { "baseline \(baseline.name) lacks \($0), which its replaced migrations make" }
        } catch {
            return ["baseline \(baseline.name) cannot be compared with the migrations it replaces: \(error)"]
        }
    }

    private static func schema(of database: HostDatabase) throws -> [String: String] {
        try database.writer.read { db in
            var objects: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'grdb_%'") {
                objects[row["name"]] = row["sql"] ?? ""
            }
            return objects
        }
    }
}
