import PluginAPI

/// Benchmark-only NE-type plugin for AMF: the NE registry only accepts NEs of a type an enabled
/// plugin provides. It declares no MML command, so every command sent to an AMF is forwarded to
/// the NE itself, which is the round trip the MML benchmark measures.
struct BenchAMFPlugin: OMCPlugin {
    static let manifest = PluginManifest(
        id: "bench-amf",
        version: "1.0.0",
        kind: .neType("AMF"),
        summary: "Benchmark-only AMF type, so that simulated AMFs can be registered.")

    init(configuration: PluginConfiguration) {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "AMF", summary: "Access and Mobility Management Function (benchmark)"))
    }
}
