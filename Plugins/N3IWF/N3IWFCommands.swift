import PluginAPI

/// N3IWF MML, read-only, sent with the N3IWF's `ne_id`: `LST ONLINEUE: IMSI=` (the UEs online
/// through it, or one), asked of the NE as the route does, with the same right.
enum N3IWFCommands {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.mml("LST ONLINEUE", parameters: [.digits("IMSI", lengths: 6...15, help: "only this UE, 6 to 15 digits")],
                   privilege: "n3iwf:ueInfo:query", risk: .readOnly,
                   help: "List the UEs online through the N3IWF, asked of the NE.") { invocation, context in
            guard let neID = invocation.neID, !neID.isEmpty else {
                throw OMCError.invalid("ne_id", "N3IWF MML commands need the N3IWF's ne_id")
            }
            let reader = try await NEDataReader.resolve(N3IWFPlugin.neType, neID, context)
            let query = invocation.string("IMSI").map { [(name: "imsi", value: $0)] } ?? []
            let rows = try await reader.data(N3IWFRoutes.ueInfoPath, query: query).arrayValue ?? []
            let headers = ["imsi", "nai", "regState", "activeTime"]
            return .table(headers: headers, rows: rows.map { row in
                headers.map { row[$0]?.stringValue ?? row[$0]?.intValue.map(String.init) ?? "" }
            })
        }
    }
}
