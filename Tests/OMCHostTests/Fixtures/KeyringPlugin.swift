import Foundation
import PluginAPI

/// An identity plugin for tests: two fixed tokens, an admin and a viewer who may only query, and an
/// operation log kept in its own table.
struct KeyringPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "keyring", version: "1.0.0", kind: .feature, summary: "Test identity")

    init(configuration: PluginConfiguration) throws {}

    struct TokenAuthenticator: Authenticator {
        func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller? {
            switch credentials.token {
            case nil: nil
            case "admin-token": Caller(userID: "1", userName: "admin", departmentName: "NOC", roles: ["admin"], sessionID: "s1")
            case "viewer-token": Caller(userID: "2", userName: "viewer", roles: ["viewer"], sessionID: "s2")
            default: throw OMCError(.unauthenticated, "token is revoked or expired")
            }
        }
    }

    struct RoleAuthorizer: Authorizer {
        func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool {
            caller.roles.contains("admin") || permission.hasSuffix(":query")
        }
    }

    struct TableSink: OperationLogSink {
        func record(_ entry: OperationRecord, _ context: PluginContext) async throws {
            try await context.database.write { db in
                try db.execute("INSERT INTO keyring_oplog (title, operator, parameters, succeeded) VALUES (?, ?, ?, ?)",
                               [.text(entry.title), .text(entry.operatorName), .text(entry.parameters), .bool(entry.succeeded)])
            }
        }
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.identity(authenticator: TokenAuthenticator(), authorizer: RoleAuthorizer())
        plugin.operationLog(TableSink())
        plugin.migration("v1_oplog", sql: "CREATE TABLE keyring_oplog (title TEXT, operator TEXT, parameters TEXT, succeeded INTEGER)")
        plugin.route(.post, "/keyring/login", permission: .open, summary: "Log in") { request, _ in
            struct Login: Decodable { let username: String; let password: String }
            let login = try await request.decode(Login.self)
            guard login.password == "right" else { throw OMCError(.invalidInput, "wrong user name or password") }
            return .success(["token": login.username == "admin" ? "admin-token" : "viewer-token"])
        }
        plugin.route(.get, "/keyring/me", permission: .authenticated, summary: "Who am I") { request, _ in
            let mayRevealSecrets = try await request.permissions.holds("keyring:secret:reveal")
            return .success(["user": .string(request.caller?.userName ?? "?"), "mayRevealSecrets": .bool(mayRevealSecrets)] as JSONValue)
        }
        plugin.route(.get, "/keyring/oplog", permission: "keyring:oplog:query", summary: "Operation log") { _, context in
            let rows = try await context.database.read { db in try db.query("SELECT title, operator, parameters, succeeded FROM keyring_oplog", []) }
            return .list(rows: rows.map { ["title": $0.string("title") ?? "", "operator": $0.string("operator") ?? "",
                                           "parameters": $0.string("parameters") ?? "", "succeeded": $0.string("succeeded") ?? ""] },
                         total: rows.count)
        }
    }
}
