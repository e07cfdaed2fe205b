public import PluginAPI

/// NE management: the registry of network elements, their system state (one, all, and the OMC's
/// own), the OMC's time, background polling that publishes ``NEStateChanged``, and pushing files to
/// NEs. It keeps the registry the host's NE gateway looks NEs up in.
public struct NEManagementPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "ne", version: "1.0.0", kind: .feature,
        configuration: [
            .integer("pollIntervalSeconds", default: 30, range: 5...3600, help: "how often every registered NE's state is polled"),
            .integer("pollConcurrency", default: 32, range: 1...256, help: "how many NEs the background poll asks at once"),
            .integer("pushFileMaxMegabytes", default: 512, range: 1...4096, help: "largest file pushed to an NE"),
            .string("omcId", default: "001", maxLength: 32, help: "the id the OMC reports itself under (OMC/<id>)"),
        ],
        summary: "NE registry, NE and OMC system state, state polling, files to NEs")

    let settings: NEManagementSettings

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = NEManagementSettings(configuration)
    }

    /// Declares the registry table, the routes, the polling job, the menu and the NE directory.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(NEManagementMessages.chinese)
        NERegistry.declareMigrations(&plugin)
        NEInfoRoutes.declare(&plugin)
        SystemStateRoutes.declare(&plugin, settings: settings)
        PushFileRoute.declare(&plugin, settings: settings)
        StatePoller.declare(&plugin, settings: settings)
        NEMenus.declare(&plugin)
        plugin.neDirectory(NERegistry.Directory())
        // Shown once to whoever registers the NE or rotates its credential; never in a record.
        plugin.secretFields(["pushCredential"])
    }
}
