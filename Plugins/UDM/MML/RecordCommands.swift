import PluginAPI

/// `ADD/MOD/RMV/DSP/LST SUB` and `… AUTHDAT`: the same operations as the REST routes, for the MML
/// console. The NE is named by the request's `ne_id`.
struct RecordCommands: Sendable {
    let schema: RecordSchema
    let runtime: UDMRuntime

    /// Rows `LST` prints at most.
    static let listLimit = 50

    func declare(_ plugin: inout PluginRegistrar) {
        let object = schema.mmlObject
        let noun = schema.noun
        let prefix = "udm:\(schema.resource):"
        let all = schema.fields.map { MMLParameter(name: $0.name, kind: $0.rule.mmlKind, required: $0.required, help: $0.help) }
        let optional = schema.fields.map { MMLParameter(name: $0.name, kind: $0.rule.mmlKind, required: $0.name == "imsi", help: $0.help) }
        let imsiOnly = [MMLParameter.digits("imsi", length: 15, required: true, help: "IMSI, 15 digits")]
        plugin.mml("ADD \(object)", parameters: all, privilege: .required(prefix + "add"), risk: .modifying,
                   help: "Add \(noun) on the UDM given by ne_id; the NE applies it first. Example: ADD \(object): \(example)",
                   handler: add)
        plugin.mml("MOD \(object)", parameters: optional, privilege: .required(prefix + "edit"), risk: .modifying,
                   help: "Change fields of existing \(noun); fields not given keep their value.", handler: modify)
        plugin.mml("RMV \(object)", parameters: imsiOnly, privilege: .required(prefix + "remove"), risk: .highRisk,
                   help: "Remove the \(noun) of one IMSI from the UDM and the OMC.", handler: remove)
        plugin.mml("DSP \(object)", parameters: imsiOnly, privilege: .required(prefix + "query"), risk: .readOnly,
                   help: "Display the \(noun) of one IMSI, e.g. DSP \(object): IMSI=460000100000030.", handler: display)
        plugin.mml("LST \(object)", parameters: [
            .digits("imsi", lengths: 1...15, help: "IMSI prefix"),
            .digits("msisdn", lengths: 1...15, help: "MSISDN prefix"),
            .integer("PAGE", range: 1...1_000_000, help: "page of \(Self.listLimit) rows, from 1"),
        ], privilege: .required(prefix + "query"), risk: .readOnly,
                   help: "List \(noun) of the UDM given by ne_id, \(Self.listLimit) rows a page, filtered by IMSI or MSISDN prefix.",
                   handler: list)
    }

    private var example: String {
        schema.fields.filter(\.required).map { field in
            let sample = switch field.rule {
            case .digits(let lengths): String(repeating: "4", count: lengths.upperBound)
            case .hex(let length): String(repeating: "0", count: length)
            default: "def_\(field.name)"
            }
            return "\(field.name.uppercased())=\(sample)"
        }.joined(separator: ", ")
    }

    private func neID(_ invocation: MMLInvocation) throws(OMCError) -> String {
        guard let neID = invocation.neID, !neID.isEmpty else { throw OMCError.invalid("ne_id", "is required: the UDM the command applies to") }
        return neID
    }

    private func given(_ invocation: MMLInvocation) -> [String: String] {
        var values: [String: String] = [:]
        for field in schema.fields {
            if let value = invocation.string(field.name) { values[field.name] = value }
        }
        return values
    }

    private func service(_ invocation: MMLInvocation, _ context: PluginContext) -> RecordService {
        RecordService(schema: schema, runtime: runtime, context: context, by: ChangeJournal.Operator(invocation))
    }

    private func reveal(_ invocation: MMLInvocation) async throws -> Bool {
        schema.secretPositions.isEmpty ? false : try await invocation.permissions.holds(UDMPlugin.secretPermission)
    }

    @Sendable func add(_ invocation: MMLInvocation, _ context: PluginContext) async throws -> MMLReply {
        let neID = try neID(invocation)
        let record = try schema.record(given(invocation))
        try await service(invocation, context).create(neID: neID, record)
        return MMLReply(output: "\(schema.noun) of IMSI \(record.imsi) added on UDM/\(neID)")
    }

    @Sendable func modify(_ invocation: MMLInvocation, _ context: PluginContext) async throws -> MMLReply {
        let neID = try neID(invocation)
        let record = try await service(invocation, context).modify(neID: neID, given(invocation))
        return MMLReply(output: "\(schema.noun) of IMSI \(record.imsi) modified on UDM/\(neID)")
    }

    @Sendable func remove(_ invocation: MMLInvocation, _ context: PluginContext) async throws -> MMLReply {
        let neID = try neID(invocation)
        let imsi = invocation.string("imsi") ?? ""
        try await service(invocation, context).remove(neID: neID, imsi: imsi)
        return MMLReply(output: "\(schema.noun) of IMSI \(imsi) removed from UDM/\(neID)")
    }

    @Sendable func display(_ invocation: MMLInvocation, _ context: PluginContext) async throws -> MMLReply {
        let neID = try neID(invocation)
        let reveal = try await reveal(invocation)
        let found = try await service(invocation, context).find(neID: neID, imsi: invocation.string("imsi") ?? "", reveal: reveal)
        let json = found.record.json(id: found.id, neID: neID, schema: schema, reveal: reveal)
        let lines = (["neId"] + schema.names).map { "\($0) = \(json[$0]?.stringValue ?? "")" }
        return MMLReply(output: lines.joined(separator: "\n"), data: json)
    }

    @Sendable func list(_ invocation: MMLInvocation, _ context: PluginContext) async throws -> MMLReply {
        let neID = try neID(invocation)
        var pairs: [(String, String)] = [("neId", neID), ("pageSize", String(Self.listLimit)), ("pageNum", String(invocation.integer("page") ?? 1))]
        if let imsi = invocation.string("imsi") { pairs.append(("imsi", imsi)) }
        if let msisdn = invocation.string("msisdn") { pairs.append(("msisdn", msisdn)) }
        let query = try RecordQuery(schema: schema, query: QueryParameters(pairs))
        let store = try runtime.store(schema)
        let columns = Array(schema.fields.filter { !$0.secret }.prefix(6).map(\.name))
        let anchors = runtime.anchors
        let rows = try await context.database.read { db in
            try anchors.page(query, columns: store.selectColumns, in: db).map { row in columns.map { row.string($0) ?? "" } }
        }
        return .table(headers: columns, rows: rows)
    }
}
