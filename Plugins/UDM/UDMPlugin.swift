public import PluginAPI

/// The UDM NE-type plugin: subscription and authentication data at carrier scale (REST routes of the
/// API document, MML, streamed import and export, crash-safe batches), UDM configuration sections,
/// and the UDM's NE type (alarms, KPIs, parameter schema, traceable interfaces).
///
/// The UDM NE is the authority: every change is applied to the NE through the host's NE gateway
/// first and recorded in the OMC's copy only when the NE accepted it. Ki and OPc are sealed with
/// AES-GCM in the OMC's database and shown only to callers holding ``secretPermission``.
public struct UDMPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "udm", version: "1.0.0", kind: .neType(neType), configuration: UDMSettings.fields,
        summary: "UDM: subscription and authentication data, UDM configuration and MML")

    /// The NE type this plugin provides.
    static let neType = "UDM"

    /// Seeing Ki and OPc in clear (lists, reads, MML, exports) needs this right besides the route's.
    static let secretPermission = "udm:auth:secret"

    let runtime: UDMRuntime

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        runtime = UDMRuntime(settings: UDMSettings(configuration))
    }

    /// Declares the tables, the NE type, the routes, the MML commands and the batch-settling job.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(UDMMessages.chinese)
        UDMMigrations.declare(&plugin)
        plugin.neType(UDMDescriptor.descriptor)
        // Masked by the host in everything it records, whatever carries them: the REST routes, the
        // MML commands, and the UDM's own answers to forwarded MML.
        plugin.secretFields(RecordSchema.authentication.secretNames)
        for schema in [RecordSchema.subscription, .authentication] {
            RecordRoutes(schema: schema, runtime: runtime).declare(&plugin)
            RecordCommands(schema: schema, runtime: runtime).declare(&plugin)
        }
        ConfigRoutes.declare(&plugin, runtime: runtime)
        runtime.changes.declare(&plugin)
        let runtime = runtime
        plugin.job("settle-batches", schedule: .every(seconds: runtime.settings.reconcileInterval),
                   summary: "Settle batches and single changes a stop left between the NE and the OMC") { context in
            try await runtime.settleJournals(context, waitForRecent: false)
        }
        plugin.jobTarget("settleBatches", summary: "Settle batches and single changes a stop left between the NE and the OMC, now") { _, context in
            try await runtime.settleJournals(context, waitForRecent: false)
            return nil
        }
    }

    /// Loads the secret key, then settles batches and single changes left by a crash, so that the
    /// OMC's copy is whole before the first request.
    public func start(_ context: PluginContext) async throws {
        try runtime.start(context)
        try await runtime.journal().removeOrphans(context: context)
        try await runtime.settleJournals(context, waitForRecent: true)
    }
}
