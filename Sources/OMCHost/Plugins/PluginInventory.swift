import PluginAPI

/// What `omc plugins list` shows: each plugin of the build, whether the configuration enables it,
/// and how much it declares.
package struct PluginInventory: Sendable {
    package struct Row: Sendable {
        package let id: String
        package let version: String
        package let kind: String
        package let enabled: Bool
        /// `nil` when the plugin cannot be registered with its default configuration.
        package let routes: Int?
        package let mmlCommands: Int?
        package let migrations: Int?
        package let summary: String
    }

    package let rows: [Row]

    /// Registers every plugin of `catalog` (with its defaults; nothing runs) to count its declarations.
    package init(file: PluginsFile, catalog: PluginCatalog) {
        rows = catalog.types.map { type in
            let manifest = type.manifest
            let defaults = PluginConfiguration(Dictionary(uniqueKeysWithValues: manifest.configuration.compactMap { field in
                field.defaultValue.map { (field.key, $0) }
            }))
            var registrar = PluginRegistrar(manifest: manifest)
            let registered = (try? type.init(configuration: defaults).register(&registrar)) != nil
            return Row(id: manifest.id, version: manifest.version, kind: manifest.kind.description,
                       enabled: file.entries.contains { $0.id == manifest.id && $0.enabled },
                       routes: registered ? registrar.routes.count : nil,
                       mmlCommands: registered ? registrar.mmlCommands.count : nil,
                       migrations: registered ? registrar.migrations.count : nil,
                       summary: manifest.summary)
        }
    }
}

extension HostAssembly {
    /// One line per mounted route: method, path, permission, owner, summary.
    package var routeListing: [(method: String, path: String, permission: String, owner: String, summary: String)] {
        routes.routes.map { ($0.method.rawValue, $0.pattern.text, $0.permission.description, $0.owner, $0.summary) }
    }
}

extension HostAssembly {
    /// How many plugins the configuration enables.
    package var pluginCount: Int { plugins.count }
}

extension HostAssembly {
    /// Ids of the enabled plugins, in start order.
    package var pluginIDs: [String] { plugins.map(\.id) }
}
