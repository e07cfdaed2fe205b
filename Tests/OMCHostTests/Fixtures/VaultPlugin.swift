import PluginAPI

/// A plugin that handles secrets in every shape the host must mask: it declares `pin` secret (a name
/// the host cannot guess), prints Ki, OPc and pins in MML answers as `name = value` lines, tables
/// and JSON, echoes a pin in an error, logs one, and writes an operation-log entry on behalf of an
/// operator outside any request.
struct VaultPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "vault", version: "1.0.0", kind: .feature, summary: "Test secrets")

    static let pin = "482913"
    static let ki = "00112233445566778899AABBCCDDEEFF"
    static let opc = "ffeeddccbbaa99887766554433221100"

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(MessageTranslations(.chinese, ["must differ from {0}, which is already the pin of vault 7": "必须不同于 {0}，它已是 7 号保险库的 PIN"]))
        plugin.secretFields(["pin"])
        plugin.mml("DSP VAULT", neType: "OMC", parameters: [.digits("ID", lengths: 1...5, required: true, help: "vault id")],
                   privilege: "vault:item:query", risk: .readOnly, help: "Display a vault as lines.") { _, _ in
            MMLReply(output: "id = 1\npin = \(Self.pin)\nki = \(Self.ki.lowercased())\nOPC=\(Self.opc), AMF=8000\nsecret: swordfish\nowner = alice")
        }
        plugin.mml("LST VAULT", neType: "OMC", privilege: "vault:item:query", risk: .readOnly, help: "List vaults as a table.") { _, _ in
            .table(headers: ["ID", "PIN", "OWNER", "KI"], rows: [["1", Self.pin, "alice", Self.ki], ["22", "99887766", "bob", Self.opc]])
        }
        plugin.mml("EXP VAULT", neType: "OMC", privilege: "vault:item:query", risk: .readOnly, help: "A vault as JSON text.") { _, _ in
            MMLReply(output: #"{"owner":"alice","keys":[{"ki":"\#(Self.ki)","opc":"\#(Self.opc)"}],"pin":"\#(Self.pin)"}"#)
        }
        plugin.route(.post, "/vault/items", permission: "vault:item:add", summary: "Add a vault") { request, context in
            struct Item: Decodable { let id: String; let pin: String; let code: String? }
            let item = try await request.decode(Item.self)
            context.logger.info("storing vault \(item.id) with pin=\(item.pin)", ["pin": item.pin])
            throw OMCError.invalid("code", "must differ from \(item.code ?? "?"), which is already the pin of vault 7")
        }
        plugin.route(.post, "/vault/replay", permission: "vault:item:add", summary: "Replay a vault change") { _, context in
            // Work finished later on an operator's behalf, as a journal settled at start would.
            await context.operationLog.record(OperationRecord(
                title: "Replayed vault change", businessType: .update, method: "JOB", url: "vault 1", operatorName: "alice",
                departmentName: "NOC", clientAddress: "10.1.2.3", parameters: "id=1, pin=\(Self.pin)", result: "ki = \(Self.ki) restored",
                succeeded: true, durationMilliseconds: 3, time: context.clock.now(), requestID: "replay-1", pluginID: "someone-else"))
            return .success()
        }
    }
}
