import PluginAPI

/// An NE-type plugin shaped like the UDM (configuration, subscriber provisioning, MML), so the
/// profile tests can tell configuration changes from provisioning and operation.
struct ProvisioningFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "udm-fixture", version: "1.0.0", kind: .neType("UDMX"), summary: "UDM-like NE type for tests")
    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "UDMX", summary: "UDM-like NE type for tests"))
        plugin.route(.get, "/fixture/udmx/config", permission: "udmx:config:query", summary: "Read configuration") { _, _ in .success(message: "read") }
        plugin.route(.put, "/fixture/udmx/config", permission: "udmx:config:edit", summary: "Change configuration") { _, _ in .success(message: "changed") }
        plugin.route(.post, "/fixture/udmx/sub", permission: "udmx:sub:add", summary: "Provision a subscriber") { _, _ in .success(message: "added") }
        plugin.route(.get, "/fixture/udmx/auth/secret", permission: "udmx:auth:secret", summary: "Ki and OPc in clear") { _, _ in .success(message: "ki") }
        plugin.mml("DSP SUB", privilege: "udmx:sub:query", risk: .readOnly, help: "Show a subscriber") { _, _ in MMLReply(output: "shown") }
        plugin.mml("ADD SUB", privilege: "udmx:sub:add", risk: .modifying, help: "Provision a subscriber") { _, _ in MMLReply(output: "added") }
        plugin.mml("SET CFG", privilege: "udmx:config:edit", risk: .modifying, help: "Change configuration") { _, _ in MMLReply(output: "set") }
    }
}
