public import PluginAPI

/// The IMS (IP Multimedia Subsystem core: P/I/S-CSCF) NE type: its descriptor (alarms, KPIs,
/// configuration sections, traceable interfaces) and a UE's IMS registrations (`…/ueManagement/v1/
/// elementType/ims/objectType/ueInfo?imsi&neId`), read from the NE; the OMC keeps no copy.
public struct IMSPlugin: OMCPlugin {
    public static let manifest = PluginManifest(id: "ims", version: "1.0.0", kind: .neType(neType),
                                                summary: "IMS NE type: a UE's IMS registrations (ueInfo)")

    /// The NE type this plugin provides.
    static let neType = "IMS"

    /// No configuration.
    public init(configuration: PluginConfiguration) throws {}

    /// Declares the NE type, its messages, its route and its MML command.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(IMSMessages.chinese)
        plugin.neType(IMSDescriptor.descriptor)
        IMSConfigRoutes.declare(&plugin)
        IMSRoutes.declare(&plugin)
        IMSCommands.declare(&plugin)
    }
}
