import PluginAPI

/// AMF MML, read-only, sent with the AMF's `ne_id`: `DSP GNB: NBID=` (a registered gNB) and
/// `LST GUAMI` (the AMF's GUAMIs); they ask the NE as the routes do, with the same rights.
enum AMFCommands {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.mml("DSP GNB", parameters: [.digits("NBID", lengths: 1...10, required: true, help: "gNB id, 1 to 10 digits")],
                   privilege: "amf:nbInfo:query", risk: .readOnly, help: "Display a gNB registered with the AMF, asked of the NE.") { invocation, context in
            let reader = try await NEDataReader.resolve(AMFPlugin.neType, try neID(invocation), context)
            let station = try await reader.data(AMFRoutes.nbInfoPath, query: [("nbId", invocation.string("NBID") ?? "")])
            let fields = ["nbId", "nbName", "plmn", "ip", "state", "ueNum", "connectedTime"]
            var lines: [String] = fields.map { field in field + " = " + text(station[field]) }
            let tacs: [String] = (station["tacs"]?.arrayValue ?? []).map { text($0) }
            lines.append("tacs = " + tacs.joined(separator: ","))
            return MMLReply(output: lines.joined(separator: "\n"), data: station)
        }
        plugin.mml("LST GUAMI", privilege: "amf:config:query", risk: .readOnly,
                   help: "List the AMF's GUAMIs, asked of the NE.") { invocation, context in
            let reader = try await NEDataReader.resolve(AMFPlugin.neType, try neID(invocation), context)
            let guamis = try await reader.data("/api/rest/systemManagement/v1/elementType/amf/objectType/config/guami").arrayValue ?? []
            let headers = ["plmn", "amfRegionId", "amfSetId", "amfPointer"]
            return .table(headers: headers, rows: guamis.map { guami in headers.map { text(guami[$0]) } })
        }
    }

    static func neID(_ invocation: MMLInvocation) throws(OMCError) -> String {
        guard let neID = invocation.neID, !neID.isEmpty else { throw OMCError.invalid("ne_id", "AMF MML commands need the AMF's ne_id") }
        return neID
    }

    /// A value as the console shows it: text as itself, numbers in decimal, nothing as empty.
    static func text(_ value: JSONValue?) -> String {
        value?.stringValue ?? value?.intValue.map(String.init) ?? ""
    }
}
