import PluginAPI

/// An NE-type plugin for the imaginary NE type GADGET: MML commands and an NE-type route.
struct GadgetPlugin: OMCPlugin {
    static let manifest = PluginManifest(
        id: "gadget", version: "0.3.1", kind: .neType("GADGET"), dependencies: ["inventory"],
        configuration: [.string("journal", default: "", help: "test journal receiving lifecycle calls")],
        summary: "Test NE type")

    let journal: String

    init(configuration: PluginConfiguration) throws {
        journal = configuration.string("journal") ?? ""
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "GADGET", summary: "Gadget network element",
                                       alarms: [AlarmDefinition(code: "G001", name: "Gadget down", severity: .critical, repairAdvice: "Restart it")],
                                       traceableInterfaces: ["N8"]))
        plugin.migration("v1_gadget", sql: "CREATE TABLE gadget_state (id TEXT PRIMARY KEY, mode TEXT NOT NULL)")
        plugin.messages(MessageTranslations(.chinese, ["Display a gadget.": "显示一个小部件。", "gadget id": "小部件 ID",
                                                        "gadget {0} does not exist": "小部件 {0} 不存在"]))
        plugin.mml("DSP GADGET", parameters: [.digits("ID", lengths: 1...5, required: true, help: "gadget id")],
                   privilege: "gadget:item:query", risk: .readOnly, help: "Display a gadget.") { invocation, context in
            let id = invocation.string("ID") ?? ""
            let mode = try await context.database.read { db in try db.first("SELECT mode FROM gadget_state WHERE id = ?", [.text(id)])?.string("mode") }
            guard let mode else { throw OMCError.notFound("gadget \(id) does not exist") }
            return .table(headers: ["ID", "MODE", "NE"], rows: [[id, mode, invocation.neID ?? "-"]])
        }
        plugin.mml("SET GADGET", parameters: [
            .digits("ID", lengths: 1...5, required: true, help: "gadget id"),
            .enumeration("MODE", ["ON", "OFF"], required: true, help: "new mode"),
            .hex("KI", length: 32, help: "key of the gadget"),
        ], privilege: "gadget:item:modify", risk: .modifying, help: "Set a gadget's mode.") { invocation, context in
            let id = invocation.string("ID") ?? ""
            let mode = invocation.string("MODE")?.uppercased() ?? "OFF"
            try await context.database.write { db in
                try db.execute("INSERT INTO gadget_state (id, mode) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET mode = excluded.mode", [.text(id), .text(mode)])
            }
            return MMLReply(output: "gadget \(id) is \(mode)")
        }
        plugin.mml("RMV GADGET", parameters: [.digits("ID", lengths: 1...5, required: true, help: "gadget id")],
                   privilege: "gadget:item:remove", risk: .highRisk, help: "Remove a gadget.") { invocation, context in
            let id = invocation.string("ID") ?? ""
            try await context.database.write { db in try db.execute("DELETE FROM gadget_state WHERE id = ?", [.text(id)]) }
            return MMLReply(output: "gadget \(id) removed")
        }
        plugin.route(.get, "/api/rest/systemManagement/v1/elementType/gadget/objectType/config/{name}",
                     permission: "gadget:config:query", summary: "Read a gadget config section") { request, _ in
            .success(["section": try request.pathParameter("name"), "ne": request.query["ne_id"] ?? ""])
        }
    }

    func start(_ context: PluginContext) async throws { Journal.record(journal, "start gadget") }
    func stop(_ context: PluginContext) async throws { Journal.record(journal, "stop gadget") }
}
