import PluginAPI

/// An identity plugin for tests: `admin-token` holds every right, `viewer-token` only `…:list` and
/// `…:query` ones.
struct FixtureIdentityPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "keyring", version: "1.0.0", kind: .feature, summary: "Test identity")

    init(configuration: PluginConfiguration) throws {}

    struct TokenAuthenticator: Authenticator {
        func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller? {
            switch credentials.token {
            case nil: nil
            case "admin-token": Caller(userID: "1", userName: "admin", roles: ["admin"], sessionID: "s1")
            case "viewer-token": Caller(userID: "2", userName: "viewer", roles: ["viewer"], sessionID: "s2")
            default: throw OMCError(.unauthenticated, "token is revoked or expired")
            }
        }
    }

    struct RoleAuthorizer: Authorizer {
        func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool {
            caller.roles.contains("admin") || permission.hasSuffix(":query") || permission.hasSuffix(":list")
        }
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.identity(authenticator: TokenAuthenticator(), authorizer: RoleAuthorizer())
    }

    static let admin = ["Authorization": "Bearer admin-token"]
    static let viewer = ["Authorization": "Bearer viewer-token"]
}
