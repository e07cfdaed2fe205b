public import PluginAPI

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
    /// The journal of changes sent to the NEs (table `pcf_change`).
    let changes = ChangeJournal(table: "pcf_change")

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = PCFSettings(configuration)
    }

    /// Declares the tables, the NE type, the routes, the MML commands and the settling job.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(PCFMessages.chinese)
        PCFMigrations.declare(&plugin)
        changes.declare(&plugin)
        plugin.neType(PCFDescriptor.descriptor)
        UEInfoRoutes(settings: settings, changes: changes).declare(&plugin)
        UEPolicyTransfer(settings: settings, changes: changes).declare(&plugin)
        UEPolicyCommands(settings: settings, changes: changes).declare(&plugin)
        let (settings, changes) = (settings, changes)
        plugin.job("settle-changes", schedule: .every(seconds: settings.reconcileInterval),
                   summary: "Settle UE policy changes a stop left between the NE and the OMC") { context in
            await changes.settleAll(context: context, waitForRecent: false, settler: UEPolicyService.settler(settings))
        }
        plugin.jobTarget("settleChanges", summary: "Settle UE policy changes a stop left between the NE and the OMC, now") { _, context in
            await changes.settleAll(context: context, waitForRecent: false, settler: UEPolicyService.settler(settings))
            return nil
        }
    }

    /// Settles the changes a crash left, so that the OMC's copy equals the NEs before the first request.
    public func start(_ context: PluginContext) async throws {
        await changes.settleAll(context: context, waitForRecent: true, settler: UEPolicyService.settler(settings))
    }
}
