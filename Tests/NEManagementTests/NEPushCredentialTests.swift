import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Testing

/// NE push credentials: issued at registration and shown once, checked on every push through
/// `context.pushCredentials`, stored hashed, rotated, withdrawn with the NE; every refusal logged
/// without the credential.
@Suite struct NEPushCredentialTests {
    static let neInfo = "/api/rest/systemManagement/v1/elementType/amf/objectType/neInfo"

    func host() async throws -> MockHost {
        try await MockHost.start([NEManagementPlugin.self, AMFFixture.self, SMFFixture.self, PushProbeFixture.self])
    }

    static func register(_ id: String, type: String = "AMF", on host: MockHost) async throws -> String {
        let answer = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/\(type.lowercased())/objectType/neInfo", json: [
            "neType": .string(type), "neId": .string(id), "neName": .string("\(type)_\(id)"), "ip": "127.0.0.1", "port": 8080,
            "pvFlag": "VNF", "province": "GD", "vendorName": "AGT", "dn": "",
        ] as JSONValue)
        return try #require(answer.data?["pushCredential"]?.stringValue, "registration answers the credential: \(answer.text)")
    }

    static func push(_ host: MockHost, type: String = "amf", authorization: String?) async -> MockResponse {
        await host.send(.post, "/push-probe/\(type)", headers: authorization.map { ["Authorization": $0] } ?? [:])
    }

    @Test func registrationIssuesACredentialThatProvesTheNE() async throws {
        try await host().use { host async throws in
            let first = try await Self.register("001", on: host)
            let second = try await Self.register("002", on: host)
            #expect(first.hasPrefix("omcne_") && first.count == 49 && first != second)
            let pushed = await Self.push(host, authorization: "NE \(first)")
            #expect(pushed.code == 200 && pushed.data?["ne"]?.stringValue == "AMF/001")
            #expect(await Self.push(host, authorization: "ne \(second)").data?["ne"]?.stringValue == "AMF/002")

            // Only the hash is kept; the credential is in no later answer, no record and no log line.
            let stored = try await host.database.read { db in try db.query("SELECT secret_hash FROM omc_ne_push_credential", []) }
            #expect(stored.count == 2 && stored.allSatisfy { $0.string("secret_hash")?.count == 64 })
            #expect(!stored.contains { $0.string("secret_hash") == first })
            #expect(await host.send(.get, "/ne/info?neType=AMF&neId=001").data?["pushCredential"] == nil)
            #expect(await host.send(.get, "/ne/list").text.contains("omcne_") == false)
            #expect(host.operations.allSatisfy { !$0.result.contains(first) && !$0.parameters.contains(first) })
            #expect(host.logs.allSatisfy { !$0.message.contains(first) && !$0.metadata.values.contains { $0.contains(first) } })
        }
    }

    @Test func refusalsNameTheProblemAndAreLoggedWithoutTheCredential() async throws {
        try await host().use { host async throws in
            let credential = try await Self.register("001", on: host)
            _ = try await Self.register("001", type: "SMF", on: host)
            let cases: [(String?, Int, String)] = [
                (nil, 401, "an NE push must carry its push credential as 'Authorization: NE <credential>'"),
                ("Bearer \(credential)", 401, "an NE push must carry its push credential as 'Authorization: NE <credential>'"),
                ("NE omcne_guessed", 401, "the NE push credential is not valid: it was never issued or has been replaced"),
                ("NE \(credential)x", 401, "the NE push credential is not valid: it was never issued or has been replaced"),
            ]
            for (authorization, status, message) in cases {
                let refused = await Self.push(host, authorization: authorization)
                let sent = authorization ?? "none"
                #expect(refused.status == status && refused.msg == message, "\(sent): \(refused.text)")
            }
            let otherType = await Self.push(host, type: "smf", authorization: "NE \(credential)")
            #expect(otherType.status == 403 && otherType.msg == "the NE push credential belongs to an NE of another type than SMF")
            let refusals = host.logs.filter { $0.message.hasPrefix("NE push refused") }
            #expect(refusals.count == cases.count + 1)
            #expect(refusals.allSatisfy { $0.level == .warning && $0.metadata["requestId"] != nil })
            #expect(host.logs.allSatisfy { !$0.message.contains(credential) && !$0.metadata.values.contains { $0.contains(credential) } })
        }
    }

    @Test func rotationReplacesTheCredentialAndRemovalWithdrawsIt() async throws {
        try await host().use { host async throws in
            let old = try await Self.register("001", on: host)
            let rotated = await host.send(.post, Self.neInfo + "/pushCredential?ne_id=001")
            let new = try #require(rotated.data?["pushCredential"]?.stringValue, "\(rotated.text)")
            #expect(new != old && rotated.data?["neId"]?.stringValue == "001")
            #expect(await Self.push(host, authorization: "NE \(old)").status == 401)
            #expect(await Self.push(host, authorization: "NE \(new)").data?["ne"]?.stringValue == "AMF/001")
            #expect(host.operations.contains { $0.title.hasPrefix("Issue a new push credential") && !$0.result.contains(new) })
            #expect(await host.send(.post, Self.neInfo + "/pushCredential?ne_id=404").status == 404)

            #expect(await host.send(.delete, Self.neInfo + "?ne_id=001").code == 200)
            #expect(await Self.push(host, authorization: "NE \(new)").status == 401)
            let stored = try await host.database.read { db in try db.query("SELECT ne_id FROM omc_ne_push_credential", []) }
            #expect(stored.isEmpty)
        }
    }
}
