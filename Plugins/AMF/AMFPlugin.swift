public import PluginAPI

/// The AMF (Access and Mobility Management Function) NE type: its descriptor (alarms, KPIs,
/// configuration sections, traceable interfaces), its configuration sections read and changed on
/// the NE (`…/elementType/amf/objectType/config/{name}`, the document's `config/guami`), the base
/// stations registered with it (`…/ueManagement/v1/elementType/amf/objectType/nbInfo`) and AMF MML.
///
/// The AMF NE is the authority: every answer comes from the NE through the host's NE gateway; the
/// OMC keeps no copy. Changes are checked against the schema before anything reaches the NE.
public struct AMFPlugin: OMCPlugin {
    public static let manifest = PluginManifest(id: "amf", version: "1.0.0", kind: .neType(neType),
                                                summary: "AMF NE type: configuration sections (guami, tai, system), registered base stations (nbInfo), AMF MML")

    /// The NE type this plugin provides.
    static let neType = "AMF"

    /// No configuration.
    public init(configuration: PluginConfiguration) throws {}

    /// Declares the NE type, its messages, its routes and its MML commands.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(AMFMessages.chinese)
        plugin.neType(AMFDescriptor.descriptor)
        AMFConfigRoutes.declare(&plugin)
        AMFRoutes.declare(&plugin)
        AMFCommands.declare(&plugin)
    }
}
