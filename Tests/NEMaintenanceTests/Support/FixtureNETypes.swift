import PluginAPI

/// Test NE-type plugins, so that NEs of these types can be registered. The simulator plays any type
/// and serves software and configuration backups for every one.
struct AMFFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "amf-fixture", version: "1.0.0", kind: .neType("AMF"), summary: "AMF for tests")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "AMF", summary: "Access and Mobility Management Function"))
    }
}

struct SMFFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "smf-fixture", version: "1.0.0", kind: .neType("SMF"), summary: "SMF for tests")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "SMF", summary: "Session Management Function"))
    }
}
