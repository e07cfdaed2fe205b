import OMCTesting
import PluginAPI
import Testing

/// The identity hooks: every route and MML command goes through the identity plugin's authenticator and authorizer.
@Suite struct IdentityTests {
    func host() async throws -> MockHost {
        try await MockHost.start([InventoryPlugin.self, GadgetPlugin.self, KeyringPlugin.self])
    }

    @Test func withoutASessionOnlyOpenRoutesAnswer() async throws {
        try await host().use { host async throws in
            let anonymous = await host.send(.get, "/inventory/items")
            #expect(anonymous.status == 401 && anonymous.code == 401)
            #expect(anonymous.msg == "authentication required: log in and send the token as 'Authorization: Bearer <token>'")
            #expect(await host.send(.get, "/").code == 200)
            #expect(await host.send(.get, "/metrics").status == 200)
            #expect(await host.send(.get, "/openapi.json").status == 401)
            let login = try await host.send(.post, "/keyring/login", json: ["username": "viewer", "password": "right"])
            #expect(login.data?["token"]?.stringValue == "viewer-token")
            let staleClient = try await host.send(.post, "/keyring/login", json: ["username": "viewer", "password": "right"],
                                                  headers: ["Authorization": "Bearer expired-yesterday"])
            #expect(staleClient.code == 200, "an open route must answer a client holding an expired token")
        }
    }

    @Test func revokedTokensAreRefusedInBothHeaders() async throws {
        try await host().use { host async throws in
            let revoked = await host.send(.get, "/inventory/items", headers: ["Authorization": "Bearer stolen"])
            #expect(revoked.status == 401 && revoked.msg == "token is revoked or expired")
            #expect(await host.send(.get, "/inventory/items", headers: ["AccessToken": "stolen"]).status == 401)
            #expect(await host.send(.get, "/inventory/items", headers: ["AccessToken": "viewer-token"]).status == 200)
            #expect(await host.send(.get, "/keyring/me", headers: ["Authorization": "bearer admin-token"]).data?["user"]?.stringValue == "admin")
        }
    }

    @Test func handlersAskTheAuthorizerForFinerPermissions() async throws {
        try await host().use { host async throws in
            #expect(await host.send(.get, "/keyring/me", headers: ["Authorization": "Bearer admin-token"]).data?["mayRevealSecrets"]?.boolValue == true)
            #expect(await host.send(.get, "/keyring/me", headers: ["Authorization": "Bearer viewer-token"]).data?["mayRevealSecrets"]?.boolValue == false)
        }
    }

    @Test func permissionsDecideRoutesAndMMLCommands() async throws {
        try await host().use { host async throws in
            let viewer = ["Authorization": "Bearer viewer-token"]
            let admin = ["Authorization": "Bearer admin-token"]
            let refused = try await host.send(.post, "/inventory/items", json: ["name": "x"], headers: viewer)
            #expect(refused.status == 403 && refused.code == 403)
            #expect(refused.msg == "permission 'inventory:item:add' is required for POST /inventory/items")
            #expect(await host.send(.get, "/inventory/items", headers: viewer).json?["total"]?.intValue == 0)
            #expect(try await host.send(.post, "/inventory/items", json: ["name": "x"], headers: admin).code == 200)

            let mml = try await host.mml(["SET GADGET: ID=1, MODE=ON", "DSP GADGET: ID=1"], neType: "gadget", headers: viewer)
            #expect(mml.data?[0]?["code"]?.intValue == 403)
            #expect(mml.data?[0]?["msg"]?.stringValue == "permission 'gadget:item:modify' is required for MML command SET GADGET")
            #expect(mml.data?[1]?["msg"]?.stringValue == "gadget 1 does not exist")
            #expect(try await host.mml(["date"], neType: "omc").status == 401)
        }
    }

    @Test func theOperationLogSinkReceivesEveryWriteWithTheOperator() async throws {
        try await host().use { host async throws in
            let admin = ["Authorization": "Bearer admin-token"]
            _ = try await host.send(.post, "/inventory/items", json: ["name": "x", "secret": "s3cr3t"], headers: admin)
            _ = try await host.send(.post, "/keyring/login", json: ["username": "admin", "password": "wrong"])
            _ = try await host.mml(["DSP GADGET: ID=1"], neType: "gadget", headers: admin)
            let log = await host.send(.get, "/keyring/oplog", headers: admin)
            let rows = try #require(log.json?["rows"]?.arrayValue)
            #expect(rows.map { $0["title"]?.stringValue } == ["Add an item", "Log in", "MML DSP GADGET"])
            #expect(rows.map { $0["operator"]?.stringValue } == ["admin", "", "admin"])
            #expect(rows.map { $0["succeeded"]?.stringValue } == ["1", "0", "0"])
            #expect(rows[1]["parameters"]?.stringValue == #"{"password":"******","username":"admin"}"#)
            #expect(!log.text.contains("s3cr3t") && !log.text.contains("wrong"))
        }
    }
}
