import PluginAPI

/// The SMF's routes: its online UEs with their PDU sessions (`ueInfo?neId`, optionally one UE by
/// `imsi`) and their number (`ueNum?neId`), both read from the NE.
enum SMFRoutes {
    static let ueInfoPath = "/api/rest/ueManagement/v1/elementType/smf/objectType/ueInfo"
    static let ueNumPath = "/api/rest/ueManagement/v1/elementType/smf/objectType/ueNum"

    /// One PDU session.
    static let session = ValueSchema.object([
        "pduSessionId": .integer(description: "PDU session id, 1 to 15"),
        "dnn": .string(description: "data network name"),
        "sst": .integer(description: "slice/service type"),
        "sd": .string(description: "slice differentiator"),
        "ueIp": .string(description: "the UE's address in the DNN"),
        "upfId": .string(description: "the UPF anchoring the session"),
        "state": .string(description: "active or inactive"),
        "createTime": .string(description: "when the session was established, yyyy-MM-dd HH:mm:ss"),
    ], required: ["pduSessionId", "dnn"], name: "SMFPDUSession")

    /// An online UE with its sessions.
    static let onlineUE = ValueSchema.object([
        "imsi": .string(), "msisdn": .string(), "pduSessions": .array(of: session),
    ], required: ["imsi", "pduSessions"], name: "SMFOnlineUE")

    static func declare(_ plugin: inout PluginRegistrar) {
        let neID = RouteParameter.string("neId", required: true, maxLength: 32, description: "The SMF's NE id")
        let imsi = RouteParameter.string("imsi", maxLength: 15, pattern: "^[0-9]{6,15}$", description: "Only this UE",
                                         rule: "must be an IMSI: 6 to 15 decimal digits")
        plugin.route(.get, ueInfoPath, permission: "smf:ueInfo:query", summary: "UEs online on an SMF, with their PDU sessions",
                     query: [neID, imsi], answer: .data(.array(of: onlineUE)), handler: ueInfo)
        plugin.route(.get, ueNumPath, permission: "smf:ueNum:query", summary: "How many UEs and PDU sessions an SMF holds",
                     query: [neID],
                     answer: .data(.object(["ueNum": .integer(), "pduSessionNum": .integer()], required: ["ueNum", "pduSessionNum"],
                                           name: "SMFUENumber")),
                     handler: ueNum)
    }

    @Sendable static func ueInfo(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let reader = try await NEDataReader.resolve(SMFPlugin.neType, try request.query.required("neId"), context)
        let query = request.query["imsi"].flatMap { $0.isEmpty ? nil : [(name: "imsi", value: $0)] } ?? []
        let data = try await reader.data(ueInfoPath, query: query)
        guard let ues = data.arrayValue, ues.allSatisfy({ $0["imsi"]?.stringValue != nil && $0["pduSessions"]?.arrayValue != nil }) else {
            throw OMCError(.neFailure, "NE \(reader.element.key) answered UEs that are not a list of objects with imsi and pduSessions")
        }
        return .success(data)
    }

    @Sendable static func ueNum(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let reader = try await NEDataReader.resolve(SMFPlugin.neType, try request.query.required("neId"), context)
        let data = try await reader.data(ueNumPath)
        guard data["ueNum"]?.intValue != nil, data["pduSessionNum"]?.intValue != nil else {
            throw OMCError(.neFailure, "NE \(reader.element.key) answered a UE number without ueNum or pduSessionNum")
        }
        return .success(data)
    }
}
