public import PluginAPI

/// The plugins compiled into this build of the OMC. `plugins.yaml` chooses which of them run.
///
/// Swift has no stable binary interface for loading plugins from shared libraries on Linux, so
/// plugins are compiled in; the catalog is the list the executable hands to the host.
public struct PluginCatalog: Sendable {
    /// Every plugin type, in the order they were given.
    public let types: [any OMCPlugin.Type]

    /// A catalog of `types`.
    public init(_ types: [any OMCPlugin.Type]) {
        self.types = types
    }

    /// The plugin type with manifest id `id`.
    public func type(for id: String) -> (any OMCPlugin.Type)? {
        types.first { $0.manifest.id == id }
    }

    /// Every id, sorted, for messages.
    var ids: [String] { types.map { $0.manifest.id }.sorted() }
}
