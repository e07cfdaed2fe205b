import PluginAPI

/// Claims what inventory, gadget and keyring already own: a route, an MML command, identity.
struct ShadowPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "shadow", version: "1.0.0", kind: .feature, summary: "Clashes with others")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.route(.get, "/inventory/items", permission: "shadow:item:query", summary: "Same path") { _, _ in .success() }
        plugin.route(.get, "/metrics", permission: "shadow:metrics:query", summary: "Host path") { _, _ in .success() }
        plugin.mml("DSP GADGET", neType: "GADGET", privilege: "shadow:gadget:query", risk: .readOnly, help: "Same command") { _, _ in MMLReply(output: "") }
        plugin.identity(authenticator: KeyringPlugin.TokenAuthenticator(), authorizer: KeyringPlugin.RoleAuthorizer())
    }
}

/// Provides GADGET again.
struct TwinGadgetPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "twin-gadget", version: "1.0.0", kind: .neType("gadget"), summary: "Second GADGET")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "GADGET", summary: "again"))
    }
}

/// Depends on `loop-b`, which depends on it.
struct LoopAPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "loop-a", version: "1.0.0", kind: .feature, dependencies: ["loop-b"], summary: "Cycle A")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {}
}

/// Depends on `loop-a`.
struct LoopBPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "loop-b", version: "1.0.0", kind: .feature, dependencies: ["loop-a"], summary: "Cycle B")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {}
}

/// Needs a PluginAPI this host does not offer.
struct FuturePlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "future", version: "3.0.0", kind: .feature, requiresAPI: APIVersion(major: 3, minor: 0),
                                         dependencies: ["warp-drive"], summary: "From the future")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {}
}

/// A migration that cannot run.
struct BrokenMigrationPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "broken", version: "1.0.0", kind: .feature, summary: "Bad SQL")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_ok", sql: "CREATE TABLE broken_ok (id INTEGER)")
        plugin.migration("v2_bad", sql: "CREATE TABLE broken_bad (id INTEGER")
    }
}

/// A manifest the host refuses (version is not MAJOR.MINOR.PATCH) and a malformed route.
struct SloppyPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "sloppy", version: "1.0", kind: .feature, summary: "Careless manifest")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.route(.get, "sloppy/{bad-name}", permission: "sloppy:x", summary: "bad path") { _, _ in .success() }
    }
}

/// Sloppy in its declarations only, so that it registers and the deeper conformance checks run.
struct SloppyDeclarationsPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "sloppy-decl", version: "1.0.0", kind: .neType("SLOP"), summary: "Careless")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1", sql: "CREATE TABLE items (id INTEGER)")
        plugin.route(.get, "/sloppy", permission: "other:thing:query", summary: " ") { _, _ in .success() }
        plugin.mml("DSP SLOP", privilege: .open, risk: .readOnly, help: "") { _, _ in MMLReply(output: "") }
    }
}
