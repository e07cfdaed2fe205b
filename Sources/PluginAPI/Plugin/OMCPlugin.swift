/// A unit of OMC functionality: one NE type or one feature.
///
/// The host drives a plugin in two phases:
/// 1. **declare**: `init(configuration:)` then `register(_:)`: the plugin states its routes, MML
///    commands, migrations, NE type, event subscriptions, jobs and identity hooks. No I/O here.
/// 2. **run**: after every migration has run, `start(_:)` is called in dependency order; at
///    shutdown, `stop(_:)` in reverse order.
public protocol OMCPlugin: Sendable {
    /// Static facts about the plugin, readable without running it.
    static var manifest: PluginManifest { get }

    /// Creates the plugin with its configuration, already validated against
    /// ``PluginManifest/configuration`` and completed with defaults.
    init(configuration: PluginConfiguration) throws

    /// Declares what the plugin contributes. Throwing stops start-up with a message naming the plugin.
    func register(_ plugin: inout PluginRegistrar) throws

    /// Called once the database is migrated and before the server accepts requests.
    func start(_ context: PluginContext) async throws

    /// Called at shutdown, after the server stopped accepting requests.
    func stop(_ context: PluginContext) async throws
}

extension OMCPlugin {
    /// Plugins without start-up work need not implement `start`.
    public func start(_ context: PluginContext) async throws {}

    /// Plugins without shutdown work need not implement `stop`.
    public func stop(_ context: PluginContext) async throws {}
}
