import Foundation
package import PluginAPI

/// The plugins a configuration enables, validated, instantiated and registered, and everything
/// they declared merged into the host's tables. Building it does no I/O: `omc plugins check` stops
/// here, `omc serve` goes on to open the database and start.
package struct HostAssembly: Sendable {
    /// The configuration it was built from.
    package let file: PluginsFile
    /// Enabled plugins in dependency order (a plugin after those it depends on).
    let plugins: [LoadedPlugin]
    /// Every mounted route: the host's, then the plugins'.
    let routes: RouteTable
    /// Every MML command: the host's, then the plugins'.
    let mml: MMLCommandTable
    /// NE types by upper-cased name, with the index of the plugin providing each.
    let neTypes: [String: (descriptor: NETypeDescriptor, pluginIndex: Int)]
    /// Index of the plugin providing identity, if any.
    let identityPluginIndex: Int?
    /// Index of the plugin keeping the NE registry, if any.
    let directoryPluginIndex: Int?
    /// Cron expressions of the plugins' cron jobs, parsed, by `"<plugin>.<job>"`.
    let cronJobs: [String: CronSchedule]

    /// Validates `file` against `catalog` and registers every enabled plugin. Every mistake is
    /// reported at once, each with its line in the file.
    package static func assemble(_ file: PluginsFile, catalog: PluginCatalog) throws(ConfigurationError) -> HostAssembly {
        var builder = Builder(file: file, catalog: catalog)
        builder.diagnostics = file.listeningDiagnostics
        let ordered = builder.resolve()
        guard builder.diagnostics.isEmpty else { throw ConfigurationError(builder.diagnostics) }
        let loaded = builder.load(ordered)
        guard builder.diagnostics.isEmpty else { throw ConfigurationError(builder.diagnostics) }
        let assembly = builder.merge(loaded)
        guard builder.diagnostics.isEmpty else { throw ConfigurationError(builder.diagnostics) }
        return assembly
    }
}

private struct Builder {
    typealias Candidate = (entry: PluginsFile.Entry, type: any OMCPlugin.Type, configuration: PluginConfiguration)

    let file: PluginsFile
    let catalog: PluginCatalog
    var diagnostics: [ConfigurationDiagnostic] = []

    mutating func fail(_ line: Int?, _ problem: String, _ fix: String) {
        diagnostics.append(ConfigurationDiagnostic(file: file.path, line: line, problem: problem, fix: fix))
    }

    /// Checks ids, duplicates, API versions, manifests, configuration and dependencies; returns the
    /// enabled entries in dependency order with their plugin types and validated configuration.
    mutating func resolve() -> [Candidate] {
        var firstLine: [String: Int] = [:]
        var candidates: [Candidate] = []
        for entry in file.entries {
            if let line = firstLine[entry.id] {
                fail(entry.line, "plugin '\(entry.id)' is listed twice (first at line \(line))", "keep one entry for it")
                continue
            }
            firstLine[entry.id] = entry.line
            guard let type = catalog.type(for: entry.id) else {
                fail(entry.line, "unknown plugin '\(entry.id)'",
                     catalog.ids.isEmpty ? "this build has no plugins: remove the entry" : "use one of: " + catalog.ids.joined(separator: ", "))
                continue
            }
            guard entry.enabled else { continue }
            let manifest = type.manifest
            for problem in ManifestRules.problems(of: manifest) {
                fail(entry.line, "plugin '\(entry.id)' has an invalid manifest: \(problem)", "this is a defect of the plugin: disable it and report it to its vendor")
            }
            if !APIVersion.current.satisfies(manifest.requiresAPI) {
                fail(entry.line, "plugin '\(entry.id)' \(manifest.version) needs PluginAPI \(manifest.requiresAPI), but this OMC offers \(APIVersion.current)",
                     "install a version of the plugin built for PluginAPI \(APIVersion.current.major).x, or disable it")
            }
            let (configuration, problems) = ConfigField.validate(entry.settings, against: manifest.configuration,
                                                                 section: "config of plugin \(entry.id)",
                                                                 sectionLine: entry.configLine ?? entry.line, file: file.path)
            diagnostics += problems
            candidates.append((entry, type, configuration))
        }
        let enabled = Set(candidates.map(\.entry.id))
        for candidate in candidates {
            for dependency in candidate.type.manifest.dependencies where !enabled.contains(dependency) {
                let id = candidate.entry.id
                if let other = file.entries.first(where: { $0.id == dependency }) {
                    fail(candidate.entry.line, "plugin '\(id)' needs plugin '\(dependency)', which is disabled at line \(other.line)",
                         "enable '\(dependency)' or disable '\(id)'")
                } else if catalog.type(for: dependency) != nil {
                    fail(candidate.entry.line, "plugin '\(id)' needs plugin '\(dependency)', which is not listed",
                         "add '- id: \(dependency)' to plugins, or disable '\(id)'")
                } else {
                    fail(candidate.entry.line, "plugin '\(id)' needs plugin '\(dependency)', which this build does not have",
                         "install a build that includes '\(dependency)', or disable '\(id)'")
                }
            }
        }
        return order(candidates)
    }

    /// Orders plugins after their dependencies, keeping file order otherwise; reports cycles.
    mutating func order(_ candidates: [Candidate]) -> [Candidate] {
        var ordered: [Candidate] = []
        var placed = Set<String>()
        var remaining = candidates
        while !remaining.isEmpty {
            let pending = Set(remaining.map(\.entry.id))
            guard let next = remaining.firstIndex(where: { candidate in
                candidate.type.manifest.dependencies.allSatisfy { placed.contains($0) || !pending.contains($0) }
            }) else {
                let cycle = findCycle(in: remaining)
                fail(remaining.first { $0.entry.id == cycle.first }?.entry.line,
                     "plugins depend on each other in a cycle: " + cycle.joined(separator: " → "),
                     "a plugin cannot depend on itself, directly or through others: disable one of them")
                return ordered
            }
            let candidate = remaining.remove(at: next)
            placed.insert(candidate.entry.id)
            ordered.append(candidate)
        }
        return ordered
    }

    private func findCycle(in remaining: [Candidate]) -> [String] {
        let ids = Set(remaining.map(\.entry.id))
        let edges = Dictionary(uniqueKeysWithValues: remaining.map { ($0.entry.id, $0.type.manifest.dependencies.filter(ids.contains)) })
        var path: [String] = []
        var current = remaining[0].entry.id
        while !path.contains(current) {
            path.append(current)
            guard let next = edges[current]?.first else { return path }
            current = next
        }
        return Array(path[(path.firstIndex(of: current) ?? 0)...]) + [current]
    }

    /// Instantiates and registers each plugin.
    mutating func load(_ ordered: [Candidate]) -> [LoadedPlugin] {
        var loaded: [LoadedPlugin] = []
        for (entry, type, configuration) in ordered {
            do {
                let instance = try type.init(configuration: configuration)
                var registrar = PluginRegistrar(manifest: type.manifest)
                try instance.register(&registrar)
                for problem in registrar.problems {
                    fail(entry.line, "plugin '\(entry.id)' declares \(problem)", "this is a defect of the plugin: disable it and report it to its vendor")
                }
                loaded.append(LoadedPlugin(manifest: type.manifest, instance: instance, configuration: configuration,
                                           registrar: registrar, line: entry.line))
            } catch {
                fail(entry.line, "plugin '\(entry.id)' refused to load: \(error)", "check its config section, or disable it")
            }
        }
        return loaded
    }

    /// Merges routes, MML commands, NE types, identity and jobs; reports every clash naming both sides.
    mutating func merge(_ plugins: [LoadedPlugin]) -> HostAssembly {
        var routes = RouteTable()
        for endpoint in BuiltinEndpoint.allCases { _ = routes.insert(endpoint.route) }
        var mml = MMLCommandTable()
        for command in BuiltinMMLCommand.allCases { _ = mml.insert(command.entry) }
        var neTypes: [String: (descriptor: NETypeDescriptor, pluginIndex: Int)] = [:]
        var identity: Int?
        var directory: Int?
        var cronJobs: [String: CronSchedule] = [:]
        var dataTables: [String: String] = [:]
        var cacheNames: [String: String] = [:]
        let lines = Dictionary(uniqueKeysWithValues: plugins.map { ($0.id, $0.line) })
        func owner(_ id: String) -> String {
            id == BuiltinEndpoint.owner ? "the OMC host itself" : "plugin '\(id)' (line \(lines[id] ?? 0))"
        }
        /// Records the one plugin allowed to play `role`; a second one is a clash naming both.
        func claimSingle(_ holder: inout Int?, by index: Int, _ plugin: LoadedPlugin, role: String) {
            if let existing = holder {
                fail(plugin.line, "plugin '\(plugin.id)' and \(owner(plugins[existing].id)) both \(role)", "enable only one of them")
            } else {
                holder = index
            }
        }

        for (index, plugin) in plugins.enumerated() {
            let registrar = plugin.registrar
            for declaration in registrar.routes {
                let route = MountedRoute(method: declaration.method, pattern: RoutePattern(declaration.path), owner: plugin.id,
                                         permission: declaration.permission, audit: declaration.audit, summary: declaration.summary,
                                         bodyLimit: declaration.bodyLimit, secretFields: declaration.secretFields,
                                         pathParameters: declaration.pathParameters, queryParameters: declaration.queryParameters,
                                         body: declaration.body, answer: declaration.answer,
                                         target: .plugin(declaration.handler, pluginIndex: index))
                if let existing = routes.insert(route) {
                    fail(plugin.line, "plugin '\(plugin.id)' and \(owner(existing.owner)) both claim \(declaration.method.rawValue) \(declaration.path)",
                         "enable only one of them")
                }
            }
            for declaration in registrar.mmlCommands {
                if let existing = mml.insert(MMLCommandTable.Entry(declaration, owner: plugin.id, pluginIndex: index)) {
                    fail(plugin.line, "plugin '\(plugin.id)' and \(owner(existing.owner)) both claim MML command \(declaration.name) for NE type \(declaration.neType)",
                         "enable only one of them")
                }
            }
            if let descriptor = registrar.neType {
                if descriptor.name == BuiltinMMLCommand.neType || descriptor.name == "ALL" {
                    fail(plugin.line, "plugin '\(plugin.id)' declares NE type \(descriptor.name), a name the OMC reserves", "rename the NE type")
                } else if let existing = neTypes[descriptor.name] {
                    fail(plugin.line, "plugin '\(plugin.id)' and \(owner(plugins[existing.pluginIndex].id)) both provide NE type \(descriptor.name)",
                         "enable only one of them")
                } else {
                    neTypes[descriptor.name] = (descriptor, index)
                }
            }
            if registrar.authenticator != nil {
                claimSingle(&identity, by: index, plugin, role: "provide identity (login and rights)")
            }
            if registrar.neDirectory != nil {
                claimSingle(&directory, by: index, plugin, role: "keep the NE registry")
            }
            for table in registrar.dataTables {
                if let existing = dataTables[table.name] {
                    fail(plugin.line, "plugin '\(plugin.id)' and \(owner(existing)) both expose data table \(table.name)", "enable only one of them")
                } else {
                    dataTables[table.name] = plugin.id
                }
            }
            for cache in registrar.caches {
                if let existing = cacheNames[cache.name] {
                    fail(plugin.line, "plugin '\(plugin.id)' and \(owner(existing)) both register cache \(cache.name)", "enable only one of them")
                } else {
                    cacheNames[cache.name] = plugin.id
                }
            }
            for job in registrar.jobs {
                guard case .cron(let text) = job.schedule else { continue }
                do {
                    cronJobs["\(plugin.id).\(job.name)"] = try CronSchedule(text)
                } catch {
                    fail(plugin.line, "plugin '\(plugin.id)' declares job '\(job.name)' with a bad schedule: \(error)",
                         "this is a defect of the plugin: disable it and report it to its vendor")
                }
            }
        }
        return HostAssembly(file: file, plugins: plugins, routes: routes, mml: mml, neTypes: neTypes,
                            identityPluginIndex: identity, directoryPluginIndex: directory, cronJobs: cronJobs)
    }
}

/// Rules every manifest follows; the mock host's conformance check applies them too.
package enum ManifestRules {
    package static func problems(of manifest: PluginManifest) -> [String] {
        var problems: [String] = []
        let id = manifest.id
        if id == BuiltinEndpoint.owner {
            problems.append("id '\(id)' is reserved for the OMC host")
        }
        if id.isEmpty || !(id.first?.isLowercaseASCIILetter ?? false)
            || !id.allSatisfy({ $0.isLowercaseASCIILetter || ("0"..."9").contains($0) || $0 == "-" }) || id.count > 32 {
            problems.append("id '\(id)' must be 1 to 32 lowercase letters, digits or '-', starting with a letter")
        }
        let parts = manifest.version.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 3 || parts.contains(where: { $0.isEmpty || !$0.allSatisfy(\.isNumber) }) {
            problems.append("version '\(manifest.version)' must be MAJOR.MINOR.PATCH")
        }
        if manifest.dependencies.contains(id) { problems.append("it depends on itself") }
        if manifest.summary.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("summary is empty") }
        for field in manifest.configuration {
            if let value = field.defaultValue, let rule = field.violation(of: value) {
                problems.append("default of config key '\(field.key)' \(rule)")
            }
        }
        let keys = manifest.configuration.map(\.key)
        if Set(keys).count != keys.count { problems.append("a config key is declared twice") }
        return problems
    }
}

private extension Character {
    var isLowercaseASCIILetter: Bool { ("a"..."z").contains(self) }
}
