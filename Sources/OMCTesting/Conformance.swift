import OMCHost
public import PluginAPI

/// A plugin that fails the conformance check, with every problem found.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// The problems, one per line of ``description``.
    public let problems: [String]

    /// `plugin does not conform:` followed by the problems.
    public var description: String { "plugin does not conform:\n- " + problems.joined(separator: "\n- ") }
}

extension MockHost {
    /// The SQL of `plugin`'s migrations that a fresh database runs, in order (its baseline instead of
    /// the history the baseline replaces; migrations written in code are left out), to run on another
    /// engine such as PostgreSQL. `dependencies` are loaded alongside.
    public static func freshMigrationSQL(of plugin: any OMCPlugin.Type, dependencies: [any OMCPlugin.Type] = []) throws -> [String] {
        try ConformanceCheck.freshMigrationSQL(of: plugin, dependencies: dependencies)
    }

    /// Every problem the host finds with `plugin`: manifest, declarations (every route has a summary
    /// and a permission in the plugin's namespace, every MML command has help and a privilege),
    /// migrations (everything a fresh database runs is portable SQL, they apply on an empty database,
    /// a second run is a no-op, tables are prefixed with the plugin id, a baseline makes the schema of
    /// the history it replaces). `dependencies` are loaded alongside.
    public static func conformanceProblems(of plugin: any OMCPlugin.Type,
                                           dependencies: [any OMCPlugin.Type] = []) async -> [String] {
        await ConformanceCheck.problems(of: plugin, dependencies: dependencies)
    }

    /// Throws ``ConformanceFailure`` listing every problem; every plugin's tests call this.
    public static func checkConformance(of plugin: any OMCPlugin.Type, dependencies: [any OMCPlugin.Type] = []) async throws {
        let problems = await conformanceProblems(of: plugin, dependencies: dependencies)
        if !problems.isEmpty { throw ConformanceFailure(problems: problems) }
    }
}
