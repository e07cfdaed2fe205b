import PluginAPI

/// A test identity plugin: `admin-token` holds every right, `operator-token` every right but
/// `udm:auth:secret`, so that masking of Ki and OPc can be seen through the host.
struct OperatorIdentity: OMCPlugin {
    static let manifest = PluginManifest(id: "operator-identity", version: "1.0.0", kind: .feature, summary: "identity for UDM tests")
    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.identity(authenticator: Tokens(), authorizer: Rights())
    }

    struct Tokens: Authenticator {
        func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller? {
            switch credentials.token {
            case "admin-token": Caller(userID: "1", userName: "admin", roles: ["admin"])
            case "operator-token": Caller(userID: "2", userName: "operator", roles: ["operator"])
            default: nil
            }
        }
    }

    struct Rights: Authorizer {
        func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool {
            caller.roles.contains("admin") || permission != "udm:auth:secret"
        }
    }
}
