import PluginAPI

/// An enabled plugin after validation: instantiated with its configuration and registered.
struct LoadedPlugin: Sendable {
    /// The plugin's manifest.
    let manifest: PluginManifest
    /// The instance.
    let instance: any OMCPlugin
    /// Its validated configuration.
    let configuration: PluginConfiguration
    /// What it declared.
    let registrar: PluginRegistrar
    /// Line of its entry in `plugins.yaml`.
    let line: Int

    var id: String { manifest.id }

    /// What the plugin may reach in the database.
    func databaseScope() -> DatabaseScope {
        DatabaseScope(pluginID: id, appendOnlyTables: registrar.appendOnlyTables)
    }
}
