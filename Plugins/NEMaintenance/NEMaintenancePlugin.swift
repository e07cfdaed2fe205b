public import PluginAPI

/// NE maintenance: the software life cycle (packages kept by the OMC, distributed to NEs, activated
/// and rolled back as long operations, one per NE at a time) and configuration backup and restore
/// (CM exports kept by the OMC, restored to the NE on confirmation, compared section by section, and
/// a daily backup of every NE with retention). It works for every NE type and reaches NEs only
/// through the `ne` plugin's registry.
public struct NEMaintenancePlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "nemaint", version: "1.0.0", kind: .feature, dependencies: ["ne"],
        configuration: NEMaintenanceSettings.fields,
        summary: "NE software life cycle and configuration backup and restore")

    let settings: NEMaintenanceSettings

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = NEMaintenanceSettings(configuration)
    }

    /// Declares the tables, the software and CM routes and the daily backup job.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(NEMaintenanceMessages.chinese)
        SoftwareTables.declareMigrations(&plugin)
        PackageRoutes.declare(&plugin, settings: settings)
        LifecycleRoutes.declare(&plugin, settings: settings)
        BackupTables.declareMigrations(&plugin)
        BackupRoutes.declare(&plugin)
        DailyBackupJob.declare(&plugin, settings: settings)
        MaintenanceCommands.declare(&plugin)
    }

    /// Gives back the NEs that operations a stop interrupted still held.
    public func start(_ context: PluginContext) async throws {
        try await SoftwareTables.releaseAll(context)
    }
}
