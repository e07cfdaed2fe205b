import PluginAPI

/// SMF MML, read-only, sent with the SMF's `ne_id`: `DSP UENUM` (how many UEs and PDU sessions) and
/// `LST PDUSESSION: IMSI=` (the PDU sessions, of one UE or all); they ask the NE as the routes do,
/// with the same rights.
enum SMFCommands {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.mml("DSP UENUM", privilege: "smf:ueNum:query", risk: .readOnly,
                   help: "Display how many UEs and PDU sessions the SMF holds, asked of the NE.") { invocation, context in
            let reader = try await NEDataReader.resolve(SMFPlugin.neType, try neID(invocation), context)
            let data = try await reader.data(SMFRoutes.ueNumPath)
            return MMLReply(output: "ueNum = \(text(data["ueNum"]))\npduSessionNum = \(text(data["pduSessionNum"]))", data: data)
        }
        plugin.mml("LST PDUSESSION", parameters: [.digits("IMSI", lengths: 6...15, help: "only this UE's sessions, 6 to 15 digits")],
                   privilege: "smf:ueInfo:query", risk: .readOnly,
                   help: "List the PDU sessions on the SMF, of one UE or of all, asked of the NE.") { invocation, context in
            let reader = try await NEDataReader.resolve(SMFPlugin.neType, try neID(invocation), context)
            let query = invocation.string("IMSI").map { [(name: "imsi", value: $0)] } ?? []
            let ues = try await reader.data(SMFRoutes.ueInfoPath, query: query).arrayValue ?? []
            let fields = ["pduSessionId", "dnn", "sst", "sd", "ueIp", "upfId", "state"]
            let rows = ues.flatMap { ue in
                (ue["pduSessions"]?.arrayValue ?? []).map { session in [text(ue["imsi"])] + fields.map { text(session[$0]) } }
            }
            return .table(headers: ["imsi"] + fields, rows: rows)
        }
    }

    static func neID(_ invocation: MMLInvocation) throws(OMCError) -> String {
        guard let neID = invocation.neID, !neID.isEmpty else { throw OMCError.invalid("ne_id", "SMF MML commands need the SMF's ne_id") }
        return neID
    }

    /// A value as the console shows it: text as itself, numbers in decimal, nothing as empty.
    static func text(_ value: JSONValue?) -> String {
        value?.stringValue ?? value?.intValue.map(String.init) ?? ""
    }
}
