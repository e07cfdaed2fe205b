import PluginAPI

/// The N3IWF route: its online UEs (`ueInfo?neId`, one UE with `imsi`), read from the NE. The answer
/// is the document's: `[{activeTime, imsi, nai, regState}]`.
enum N3IWFRoutes {
    static let ueInfoPath = "/api/rest/ueManagement/v1/elementType/n3iwf/objectType/ueInfo"

    /// An online UE, as the document's example answer shows it.
    static let onlineUE = ValueSchema.object([
        "activeTime": .string(description: "when the UE's tunnel came up, yyyy-MM-dd HH:mm:ss"),
        "imsi": .string(), "nai": .string(description: "network access identifier the UE used"),
        "regState": .integer(description: "1 registered, 0 not registered"),
    ], required: ["imsi", "regState"], name: "N3IWFOnlineUE")

    static func declare(_ plugin: inout PluginRegistrar) {
        let neID = RouteParameter.string("neId", required: true, maxLength: 32, description: "The N3IWF's NE id")
        let imsi = RouteParameter.string("imsi", maxLength: 15, pattern: "^[0-9]{6,15}$", description: "Only this UE",
                                         rule: "must be an IMSI: 6 to 15 decimal digits")
        plugin.route(.get, ueInfoPath, permission: "n3iwf:ueInfo:query", summary: "UEs online through an N3IWF",
                     query: [imsi, neID], answer: .data(.array(of: onlineUE)), handler: ueInfo)
    }

    @Sendable static func ueInfo(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let reader = try await NEDataReader.resolve(N3IWFPlugin.neType, try request.query.required("neId"), context)
        let query = request.query["imsi"].flatMap { $0.isEmpty ? nil : [(name: "imsi", value: $0)] } ?? []
        let data = try await reader.data(ueInfoPath, query: query)
        guard let rows = data.arrayValue, rows.allSatisfy({ $0["imsi"]?.stringValue != nil && $0["regState"]?.intValue != nil }) else {
            throw OMCError(.neFailure, "NE \(reader.element.key) answered UEs that are not a list of objects with imsi and regState")
        }
        return .success(data)
    }
}
