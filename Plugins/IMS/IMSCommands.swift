import PluginAPI

/// IMS MML, read-only, sent with the IMS core's `ne_id`: `DSP IMSREG: IMSI=` (a UE's IMS
/// registrations), asked of the NE as the route does, with the same right.
enum IMSCommands {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.mml("DSP IMSREG", parameters: [.digits("IMSI", lengths: 6...15, required: true, help: "the UE's IMSI, 6 to 15 digits")],
                   privilege: "ims:ueInfo:query", risk: .readOnly,
                   help: "Display a UE's IMS registrations, asked of the NE.") { invocation, context in
            guard let neID = invocation.neID, !neID.isEmpty else {
                throw OMCError.invalid("ne_id", "IMS MML commands need the IMS core's ne_id")
            }
            let reader = try await NEDataReader.resolve(IMSPlugin.neType, neID, context)
            let rows = try await reader.data(IMSRoutes.ueInfoPath, query: [("imsi", invocation.string("IMSI") ?? "")]).arrayValue ?? []
            let headers = ["impu", "regState", "contact", "expires", "activeTime"]
            return .table(headers: headers, rows: rows.map { row in
                headers.map { row[$0]?.stringValue ?? row[$0]?.intValue.map(String.init) ?? "" }
            })
        }
    }
}
