public import PluginAPI

/// The N3IWF (Non-3GPP InterWorking Function) NE type: its descriptor (alarms, KPIs, configuration
/// sections, traceable interfaces) and its online UEs (`…/ueManagement/v1/elementType/n3iwf/
/// objectType/ueInfo?imsi&neId`, the document's example answer), read from the NE; the OMC keeps
/// no copy.
public struct N3IWFPlugin: OMCPlugin {
    public static let manifest = PluginManifest(id: "n3iwf", version: "1.0.0", kind: .neType(neType),
                                                summary: "N3IWF NE type: UEs online through untrusted non-3GPP access (ueInfo)")

    /// The NE type this plugin provides.
    static let neType = "N3IWF"

    /// No configuration.
    public init(configuration: PluginConfiguration) throws {}

    /// Declares the NE type, its messages, its route and its MML command.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(N3IWFMessages.chinese)
        plugin.neType(N3IWFDescriptor.descriptor)
        N3IWFConfigRoutes.declare(&plugin)
        N3IWFRoutes.declare(&plugin)
        N3IWFCommands.declare(&plugin)
    }
}
