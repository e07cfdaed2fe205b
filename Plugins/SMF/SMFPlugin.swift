public import PluginAPI

/// The SMF (Session Management Function) NE type: its descriptor (alarms, KPIs, configuration
/// sections, traceable interfaces) and its online UEs with their PDU sessions (`…/ueManagement/v1/
/// elementType/smf/objectType/ueInfo` and `ueNum`), read from the NE; the OMC keeps no copy.
public struct SMFPlugin: OMCPlugin {
    public static let manifest = PluginManifest(id: "smf", version: "1.0.0", kind: .neType(neType),
                                                summary: "SMF NE type: online UEs and their PDU sessions (ueInfo, ueNum)")

    /// The NE type this plugin provides.
    static let neType = "SMF"

    /// No configuration.
    public init(configuration: PluginConfiguration) throws {}

    /// Declares the NE type, its messages, its routes and its MML commands.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(SMFMessages.chinese)
        plugin.neType(SMFDescriptor.descriptor)
        SMFConfigRoutes.declare(&plugin)
        SMFRoutes.declare(&plugin)
        SMFCommands.declare(&plugin)
    }
}
