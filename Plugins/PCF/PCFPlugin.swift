import PluginAPI

/// The PCF NE-type plugin: UE policies (the API document's `ueInfo` routes: read, add, modify,
/// delete, batch add, modify and delete), their import and export as xlsx or csv, PCF MML
/// (ADD/MOD/RMV/DSP UEPOLICY), and the PCF's NE type.
///
/// The PCF NE is the authority: every change is applied to the NE through the host's NE gateway
/// first and recorded in the OMC's copy only when the NE accepted it. Reads are answered from the
/// OMC's copy.
public struct PCFPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "pcf", version: "1.0.0", kind: .neType(neType), configuration: PCFSettings.fields,
        summary: "PCF: UE policies (ueInfo), their import and export, PCF MML")

    /// The NE type this plugin provides.
    static let neType = "PCF"

    let settings: PCFSettings

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = PCFSettings(configuration)
    }

    /// Declares the table, the NE type, the routes and the MML commands.
    public func register(_ plugin: inout PluginRegistrar) throws {
        PCFMigrations.declare(&plugin)
        plugin.neType(PCFDescriptor.descriptor)
        UEInfoRoutes(settings: settings).declare(&plugin)
        UEPolicyTransfer(settings: settings).declare(&plugin)
        UEPolicyCommands(settings: settings).declare(&plugin)
    }
}
