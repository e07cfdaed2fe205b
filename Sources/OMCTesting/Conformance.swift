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
    /// Every problem the host finds with `plugin`: manifest, declarations (every route has a summary
    /// and a permission in the plugin's namespace, every MML command has help and a privilege),
    /// migrations (portable SQL outside the declared SQLite-only history, apply on an empty database,
    /// a second run is a no-op, tables are prefixed with the plugin id). `dependencies` are loaded alongside.
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
