import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// API tokens over HTTP through the mock host: made by a logged-in user with some of their own
    /// rights, used as Bearer tokens, limited at each use to what the owner can do
    /// now, listed and revoked by the owner and administrators, stored hashed, named in the operation log.
    @Suite struct APITokenTests {
        /// A host with `ops1` holding department rights and the user list, and a session of each and
        /// of `admin` (APITokenEndToEndTests uses a token with the stock captcha on).
        struct Site {
            let host: MockHost
            let admin: [String: String]
            let ops: [String: String]
            let roleID: Int64
            let clock: ManualClock
        }

        static func site(_ settings: [String: String] = [:]) async throws -> Site {
            let clock = ManualClock()
            let host = try await SecurityHost.start(settings, clock: clock)
            let admin = try await host.admin()
            let role = try await host.addRole("ops", permissions: ["system:dept:*", "system:user:list"], as: admin)
            try await host.addUser("ops1", password: "Ops#Pass1234", roles: [role], as: admin)
            let ops = try await host.session("ops1", "Ops#Pass1234")
            return Site(host: host, admin: admin, ops: ops, roleID: role, clock: clock)
        }

        static func bearer(_ secret: String) -> [String: String] { ["Authorization": "Bearer \(secret)"] }

        static func make(_ host: MockHost, _ session: [String: String], name: String, permissions: [String],
                         days: Int = 30) async throws -> (id: String, secret: String) {
            let answer = try await host.send(.post, "/system/user/token",
                                         json: ["name": .string(name), "expiresInDays": .number(Double(days)),
                                                "permissions": .array(permissions.map(JSONValue.string))] as JSONValue,
                                         headers: session)
            guard answer.code == 200, let secret = answer.data?["token"]?.stringValue, let id = answer.data?["tokenId"]?.stringValue else {
                throw TestFailure("making token \(name): \(answer.text)")
            }
            return (id, secret)
        }

        @Test func aTokenWorksOnEveryRouteItsScopeAndItsOwnerAllowAndNoOther() async throws {
            let site = try await Self.site()
            let host = site.host
            let token = try await Self.make(host, site.ops, name: "nightly-list", permissions: ["system:user:list"])
            #expect(token.secret.hasPrefix("omc_") && token.secret.count >= 40)
            let bearer = Self.bearer(token.secret)
            #expect(await host.send(.get, "/system/user/list", headers: bearer).code == 200)
            // Outside the token's scope, though the owner holds it.
            #expect(await host.send(.get, "/system/dept/list", headers: site.ops).code == 200)
            let outside = await host.send(.get, "/system/dept/list", headers: bearer)
            #expect(outside.status == 403, "\(outside.text)")
            // Inside the token's scope but no longer the owner's: the intersection is taken at each use.
            let narrowed = try await host.send(.put, "/system/role", json: ["roleId": .string(String(site.roleID)), "roleName": "ops", "roleKey": "ops",
                                                                        "roleSort": 5, "status": "1", "permissions": ["system:dept:*"]] as JSONValue,
                                           headers: site.admin)
            #expect(narrowed.code == 200, "\(narrowed.text)")
            #expect(await host.send(.get, "/system/user/list", headers: bearer).status == 403)
            // getInfo reports the token's effective rights.
            let info = await host.send(.get, "/getInfo", headers: bearer)
            #expect(info.code == 200)
            #expect(info.data?["permissions"]?.arrayValue?.isEmpty == true, "\(info.text)")
            await host.shutdown()
        }

        @Test func aTokenCannotBeGivenMoreThanItsOwnerHoldsNorMakeTokens() async throws {
            let site = try await Self.site()
            let host = site.host
            let beyond = try await host.send(.post, "/system/user/token",
                                         json: ["name": "greedy", "expiresInDays": 30, "permissions": ["system:dept:list", "system:role:*"]] as JSONValue,
                                         headers: site.ops)
            #expect(beyond.status == 403)
            #expect(beyond.msg?.contains("system:role:*") == true, "\(beyond.text)")
            let bad = try await host.send(.post, "/system/user/token", json: ["permissions": ["udm", "x:y:z"], "expiresInDays": 99_999] as JSONValue,
                                      headers: site.ops)
            #expect(bad.status == 400)
            for field in ["name:", "expiresInDays:", "permissions[0]:"] { #expect(bad.msg?.contains(field) == true, "\(field) in \(bad.text)") }
            let token = try await Self.make(host, site.ops, name: "maker", permissions: ["system:dept:*"])
            let chained = try await host.send(.post, "/system/user/token", json: ["name": "child", "expiresInDays": 1, "permissions": ["system:dept:list"]] as JSONValue,
                                          headers: Self.bearer(token.secret))
            #expect(chained.status == 403)
            let twice = try await host.send(.post, "/system/user/token", json: ["name": "maker", "expiresInDays": 1, "permissions": ["system:dept:list"]] as JSONValue,
                                        headers: site.ops)
            #expect(twice.status == 409)
            #expect(await host.send(.get, "/system/user/token/list", headers: site.ops).json?["total"]?.intValue == 1)
            await host.shutdown()
        }

        @Test func ownersAndAdministratorsListAndRevokeAndTheSecretIsStoredHashed() async throws {
            let site = try await Self.site()
            let host = site.host
            let mine = try await Self.make(host, site.ops, name: "ops-script", permissions: ["system:dept:list"])
            let admins = try await Self.make(host, site.admin, name: "northbound", permissions: ["*:*:query", "*:*:list"], days: 365)

            let own = await host.send(.get, "/system/user/token/list", headers: site.ops)
            #expect(own.json?["total"]?.intValue == 1)
            #expect(own.json?["rows"]?[0]?["tokenName"]?.stringValue == "ops-script")
            let all = await host.send(.get, "/system/user/token/list", headers: site.admin)
            #expect(Set((all.json?["rows"]?.arrayValue ?? []).compactMap { $0["tokenName"]?.stringValue }) == ["ops-script", "northbound"])
            for answer in [own, all] {
                for secret in [mine.secret, admins.secret] { #expect(!answer.text.contains(secret)) }
                #expect(!answer.text.contains("hash"))
            }
            let stored = try await host.database.read { db in try db.query("SELECT * FROM security_api_token", []) }
            #expect(stored.count == 2)
            for row in stored {
                let values = row.values.map { "\($0)" }.joined(separator: " ")
                #expect(!values.contains(mine.secret) && !values.contains(admins.secret))
                #expect(row.string("token_hash")?.count == 64)
            }

            // Nobody else's token: not even visible to revoke.
            let foreign = await host.send(.delete, "/system/user/token/\(admins.id)", headers: site.ops)
            #expect(foreign.status == 404)
            #expect(await host.send(.get, "/system/dept/list", headers: Self.bearer(mine.secret)).code == 200)
            // The administrator revokes ops1's token: it dies at once, even though it was just cached.
            #expect(await host.send(.delete, "/system/user/token/\(mine.id)", headers: site.admin).code == 200)
            let revoked = await host.send(.get, "/system/dept/list", headers: Self.bearer(mine.secret))
            #expect(revoked.status == 401)
            #expect(revoked.msg?.contains("revoked") == true, "\(revoked.text)")
            // The owner revokes their own with the token itself.
            #expect(await host.send(.delete, "/system/user/token/\(admins.id)", headers: Self.bearer(admins.secret)).code == 200)
            #expect(await host.send(.get, "/system/user/token/list", headers: site.admin).json?["total"]?.intValue == 0)
            await host.shutdown()
        }

        @Test func aTokenExpiresAndDiesWithItsAccount() async throws {
            // Sessions outlive the day the clock jumps, so only the token's own expiry is tested.
            let site = try await Self.site(["tokenLifetimeMinutes": "43200"])
            let host = site.host
            let short = try await Self.make(host, site.ops, name: "short", permissions: ["system:dept:list"], days: 1)
            let long = try await Self.make(host, site.ops, name: "long", permissions: ["system:dept:list"], days: 10)
            #expect(await host.send(.get, "/system/dept/list", headers: Self.bearer(short.secret)).code == 200)
            await site.clock.advance(by: 86_400 + 60)
            let expired = await host.send(.get, "/system/dept/list", headers: Self.bearer(short.secret))
            #expect(expired.status == 401, "\(expired.text)")
            #expect(await host.send(.get, "/system/dept/list", headers: Self.bearer(long.secret)).code == 200)
            let userID = try await host.userID("ops1")
            let disabled = try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(userID)), "status": "0"] as JSONValue,
                                           headers: site.admin)
            #expect(disabled.code == 200, "\(disabled.text)")
            #expect(await host.send(.get, "/system/dept/list", headers: Self.bearer(long.secret)).status == 401)
            #expect(await host.send(.get, "/system/dept/list", headers: Self.bearer("omc_forged0000000000000000000000000000000000")).status == 401)
            await host.shutdown()
        }

        @Test func everyUseIsAttributedToTheTokenInTheOperationLog() async throws {
            let site = try await Self.site()
            let host = site.host
            let token = try await Self.make(host, site.ops, name: "dept-sync", permissions: ["system:dept:*"])
            let added = try await host.send(.post, "/system/dept", json: ["parentId": "100", "deptName": "Sync East", "orderNum": 1, "status": "1"] as JSONValue,
                                        headers: Self.bearer(token.secret))
            #expect(added.code == 200, "\(added.text)")
            let log = await host.send(.get, "/monitor/operlog/list?operName=token", headers: site.admin)
            let row = try #require(log.json?["rows"]?[0], "\(log.text)")
            #expect(row["operName"]?.stringValue == "ops1 (token: dept-sync)")
            #expect(row["operUrl"]?.stringValue == "/system/dept")
            let made = await host.send(.get, "/monitor/operlog/list?title=API%20token", headers: site.admin)
            #expect(!made.text.contains(token.secret), "the secret reached the operation log")
            await host.shutdown()
        }
    }
}
