import Foundation
import PluginAPI

/// An AMF NE type that declares traceable interfaces, as a real AMF plugin would.
struct AMFTraceFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "amf-fixture", version: "1.0.0", kind: .neType("AMF"), summary: "AMF for trace tests")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "AMF", summary: "Access and Mobility Management Function",
                                       traceableInterfaces: ["N1", "N2", "N8", "N11", "N12"]))
    }
}

/// An SMF NE type that declares no traceable interface.
struct SMFPlainFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "smf-fixture", version: "1.0.0", kind: .neType("SMF"), summary: "SMF without trace")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "SMF", summary: "Session Management Function"))
    }
}

/// Identity in the style of the host tests' keyring fixture: `admin-token` may do everything,
/// `viewer-token` only `…:query`.
struct ViewerKeyring: OMCPlugin {
    static let manifest = PluginManifest(id: "keyring", version: "1.0.0", kind: .feature, summary: "Test identity")
    init(configuration: PluginConfiguration) throws {}

    struct Tokens: Authenticator {
        func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller? {
            switch credentials.token {
            case nil: nil
            case "admin-token": Caller(userID: "1", userName: "admin", roles: ["admin"], sessionID: "s1")
            case "viewer-token": Caller(userID: "2", userName: "viewer", roles: ["viewer"], sessionID: "s2")
            default: throw OMCError(.unauthenticated, "token is revoked or expired")
            }
        }
    }

    struct Roles: Authorizer {
        func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool {
            caller.roles.contains("admin") || permission.hasSuffix(":query")
        }
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.identity(authenticator: Tokens(), authorizer: Roles())
    }
}
