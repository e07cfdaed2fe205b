public import PluginAPI

/// Fault management: alarms pushed by NEs (both document shapes, proven by their push credential),
/// synchronised from NEs, raised by the OMC itself (NE communication lost) and by other plugins
/// (``AlarmReported``); correlated into active alarms with their history; listed, counted,
/// acknowledged, cleared and commented by operators; purged after the retention period.
public struct FaultPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "fault", version: "1.0.0", kind: .feature,
        dependencies: ["ne"],
        configuration: FaultSettings.fields,
        summary: "Alarms from NEs, the OMC and plugins: active list, history, acknowledgement, clearing, synchronisation")

    let settings: FaultSettings

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = FaultSettings(configuration)
    }

    /// Declares the alarm tables (and the one the data-management routes read), the NE and operator routes, the subscriptions, the purge job and the menu.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(FaultMessages.chinese)
        AlarmSchema.declareMigrations(&plugin)
        SubscriptionSchema.declareMigrations(&plugin)
        AlarmPushRoutes.declare(&plugin, settings: settings)
        AlarmQueryRoutes.declare(&plugin)
        AlarmDataTable.declare(&plugin)
        AlarmActionRoutes.declare(&plugin)
        AlarmCommands.declare(&plugin)
        AlarmExport.declare(&plugin)
        AlarmStream.declare(&plugin, settings: settings)
        SubscriptionRoutes.declare(&plugin)
        NotificationDelivery.declare(&plugin, settings: settings)
        FaultSubscriptions.declare(&plugin)
        AlarmPurge.declare(&plugin, settings: settings)
        DiskSpaceCheck.declare(&plugin, settings: settings)
        plugin.menu(.directory("fault", name: "Fault", path: "/fault", title: "Fault Management", order: 20, children: [
            .page("fault.active", name: "ActiveAlarms", path: "active", component: "fault/active/index", title: "Active alarms",
                  permission: "fault:alarm:query", order: 1),
            .page("fault.history", name: "AlarmHistory", path: "history", component: "fault/history/index", title: "Alarm history",
                  permission: "fault:alarm:query", order: 2),
        ]))
    }
}
