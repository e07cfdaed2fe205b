/// Everything the host needs to know about a plugin before running any of its code.
///
/// The manifest is static data: `omc plugins list` and `omc plugins check` read it without
/// starting anything.
public struct PluginManifest: Sendable {
    /// Unique id, lowercase letters, digits and `-`, starting with a letter (`"udm"`, `"security"`).
    /// It prefixes the plugin's tables and migrations and is the key in `plugins.yaml`.
    public let id: String
    /// The plugin's own version, `MAJOR.MINOR.PATCH`.
    public let version: String
    /// NE-type plugin or feature plugin.
    public let kind: PluginKind
    /// The `PluginAPI` version the plugin was written against.
    public let requiresAPI: APIVersion
    /// Ids of plugins that must be enabled and started before this one.
    public let dependencies: [String]
    /// The keys this plugin accepts under `config:` in `plugins.yaml`, with their types and defaults.
    public let configuration: [ConfigField]
    /// One sentence for `omc plugins list` and the docs.
    public let summary: String

    /// Declares a plugin.
    public init(
        id: String,
        version: String,
        kind: PluginKind,
        requiresAPI: APIVersion = .current,
        dependencies: [String] = [],
        configuration: [ConfigField] = [],
        summary: String
    ) {
        self.id = id
        self.version = version
        self.kind = kind
        self.requiresAPI = requiresAPI
        self.dependencies = dependencies
        self.configuration = configuration
        self.summary = summary
    }
}
