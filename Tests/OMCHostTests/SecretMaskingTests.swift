import Foundation
import OMCTesting
import PluginAPI
import Testing

/// What the host records (operation log, log lines) never holds a secret, whatever shape the answer
/// carrying it has, and whoever writes the entry.
@Suite struct SecretMaskingTests {
    static let secrets = [VaultPlugin.pin, VaultPlugin.ki, VaultPlugin.ki.lowercased(), VaultPlugin.opc, VaultPlugin.opc.uppercased(),
                          "swordfish", "99887766"]

    /// Every text the host recorded: operation-log entries and log lines.
    static func recorded(_ host: MockHost) -> [String] {
        host.operations.flatMap { [$0.title, $0.url, $0.parameters, $0.result] }
            + host.logs.flatMap { [$0.message] + $0.metadata.values }
    }

    static func leaks(_ host: MockHost) -> [String] {
        recorded(host).filter { text in secrets.contains { text.localizedCaseInsensitiveContains($0) } }
    }

    @Test func mmlAnswersAreMaskedAsLinesTablesAndJSON() async throws {
        try await MockHost.run([VaultPlugin.self]) { host async throws in
            let answer = try await host.mml(["DSP VAULT: ID=1", "LST VAULT", "EXP VAULT"], neType: "omc")
            // The caller who holds the right sees the answer whole; only the record is masked.
            #expect(answer.data?[0]?["output"]?.stringValue?.contains(VaultPlugin.pin) == true)
            let results = host.operations.map(\.result)
            #expect(results.count == 3)
            #expect(Self.leaks(host).isEmpty, "\(Self.leaks(host))")
            guard results.count == 3 else { return }
            #expect(results[0] == "id = 1\npin = ******\nki = ******\nOPC=******, AMF=8000\nsecret: ******\nowner = alice")
            #expect(results[1].contains("alice") && results[1].contains("bob") && results[1].contains("(2 records)"))
            #expect(results[2] == #"{"keys":[{"ki":"******","opc":"******"}],"owner":"alice","pin":"******"}"#)
        }
    }

    @Test func requestSecretsAreMaskedWhereverTheAnswerOrALogLineRepeatsThem() async throws {
        try await MockHost.run([VaultPlugin.self]) { host async throws in
            let refused = try await host.send(.post, "/vault/items", json: ["id": "1", "pin": VaultPlugin.pin, "code": VaultPlugin.pin])
            #expect(refused.status == 400)
            let entry = try #require(host.operations.first)
            #expect(entry.parameters == #"{"code":"******","id":"1","pin":"******"}"#, "\(entry.parameters)")
            #expect(entry.result == "code: must differ from ******, which is already the pin of vault 7")
            #expect(host.logs.contains { $0.message == "storing vault 1 with pin=******" && $0.metadata["pin"] == "******" })
            #expect(Self.leaks(host).isEmpty, "\(Self.leaks(host))")
        }
    }

    @Test func pluginsRecordEntriesOnBehalfOfAnOperatorOutsideARequest() async throws {
        try await MockHost.run([VaultPlugin.self]) { host async throws in
            #expect(await host.send(.post, "/vault/replay").code == 200)
            let replayed = try #require(host.operations.first { $0.title == "Replayed vault change" })
            #expect(replayed.operatorName == "alice" && replayed.departmentName == "NOC" && replayed.clientAddress == "10.1.2.3")
            #expect(replayed.pluginID == "vault", "a plugin writes in its own name")
            #expect(replayed.parameters == "id=1, pin=******" && replayed.result == "ki = ****** restored")
        }
    }

    @Test func storedFieldsAreBoundedWithTheirOriginalLength() async throws {
        try await MockHost.run([VaultPlugin.self]) { host async throws in
            let line = "DSP VAULT: ID=" + String(repeating: "9", count: 40_000)
            _ = try await host.mml([line], neType: "omc")
            // An unknown command's name is the entry's title.
            _ = try await host.mml(["DSP " + String(repeating: "A", count: 40_000)], neType: "omc")
            #expect(host.operations.count == 2)
            for entry in host.operations {
                for field in [entry.title, entry.url, entry.parameters, entry.result] {
                    #expect(field.unicodeScalars.count <= 2000, "\(field.prefix(80))…")
                }
            }
            #expect(host.operations.contains { $0.parameters.hasSuffix("(cut: 40014 characters in all)") })
        }
    }
}
