import PluginAPI

/// The AMF's base-station route: a gNB registered with it (`nbInfo?nbId&neId`), read from the NE.
/// Its configuration sections are ``AMFConfigRoutes``.
enum AMFRoutes {
    static let nbInfoPath = "/api/rest/ueManagement/v1/elementType/amf/objectType/nbInfo"

    /// A gNB as the AMF reports it.
    static let baseStation = ValueSchema.object([
        "nbId": .string(description: "gNB id"),
        "nbName": .string(description: "gNB name from its NG Setup"),
        "plmn": .string(description: "PLMN of the gNB"),
        "tacs": .array(of: .string(), description: "tracking areas the gNB serves"),
        "ip": .string(description: "address of the gNB's SCTP association"),
        "state": .string(description: "connected or disconnected"),
        "ueNum": .integer(description: "UE contexts the AMF holds through this gNB"),
        "connectedTime": .string(description: "when the NG association came up, yyyy-MM-dd HH:mm:ss"),
    ], required: ["nbId", "state"], name: "AMFBaseStation")

    static func declare(_ plugin: inout PluginRegistrar) {
        let neID = RouteParameter.string("neId", required: true, maxLength: 32, description: "The AMF's NE id")
        let nbID = RouteParameter.string("nbId", required: true, maxLength: 10, pattern: "^[0-9]{1,10}$",
                                         description: "The gNB id, in decimal", rule: "must be a gNB id: 1 to 10 decimal digits")
        plugin.route(.get, nbInfoPath, permission: "amf:nbInfo:query", summary: "A base station registered with an AMF",
                     query: [nbID, neID], answer: .data(baseStation), handler: nbInfo)
    }

    @Sendable static func nbInfo(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let nbID = try request.query.required("nbId")
        let reader = try await NEDataReader.resolve(AMFPlugin.neType, try request.query.required("neId"), context)
        let data = try await reader.data(nbInfoPath, query: [("nbId", nbID)])
        guard case .object(let fields) = data, fields["nbId"] != nil, fields["state"]?.stringValue != nil else {
            throw OMCError(.neFailure, "NE \(reader.element.key) answered a base station without nbId or state")
        }
        return .success(data)
    }
}
