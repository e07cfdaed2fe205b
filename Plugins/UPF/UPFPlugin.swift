public import PluginAPI

/// The UPF (User Plane Function) NE type. The API document gives the UPF no configuration sections,
/// alarms or KPIs of its own, only system state (served by the NE management plugin for every type)
/// and packet capture (the trace plugin's `/tcpdump/neUPF`); so this plugin declares the type and the
/// interfaces a UPF carries, which trace tasks may trace: N3 (RAN), N4 (SMF), N6 (data network) and
/// N9 (another UPF).
public struct UPFPlugin: OMCPlugin {
    public static let manifest = PluginManifest(id: "upf", version: "1.0.0", kind: .neType("UPF"),
                                                summary: "UPF NE type: registration, system state, traceable interfaces N3, N4, N6, N9")

    /// The UPF's type as the OMC knows it.
    public static let descriptor = NETypeDescriptor(name: "UPF", summary: "User Plane Function",
                                                    traceableInterfaces: ["N3", "N4", "N6", "N9"])

    /// No configuration.
    public init(configuration: PluginConfiguration) throws {}

    /// Declares the NE type.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(Self.descriptor)
    }
}
