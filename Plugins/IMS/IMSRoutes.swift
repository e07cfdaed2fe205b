import PluginAPI

/// The IMS route: a UE's IMS registrations (`ueInfo?imsi&neId`), read from the NE.
enum IMSRoutes {
    static let ueInfoPath = "/api/rest/ueManagement/v1/elementType/ims/objectType/ueInfo"

    /// One registration of a UE's public identity.
    static let registration = ValueSchema.object([
        "imsi": .string(), "impi": .string(description: "private user identity"),
        "impu": .string(description: "public user identity, a SIP or tel URI"),
        "regState": .integer(description: "1 registered, 0 not registered"),
        "contact": .string(description: "the UE's SIP contact"),
        "expires": .integer(description: "seconds until the registration expires"),
        "activeTime": .string(description: "when the UE registered, yyyy-MM-dd HH:mm:ss"),
    ], required: ["imsi", "regState"], name: "IMSRegistration")

    static func declare(_ plugin: inout PluginRegistrar) {
        let neID = RouteParameter.string("neId", required: true, maxLength: 32, description: "The IMS core's NE id")
        let imsi = RouteParameter.string("imsi", required: true, maxLength: 15, pattern: "^[0-9]{6,15}$", description: "The UE",
                                         rule: "must be an IMSI: 6 to 15 decimal digits")
        plugin.route(.get, ueInfoPath, permission: "ims:ueInfo:query", summary: "A UE's IMS registrations",
                     query: [imsi, neID], answer: .data(.array(of: registration)), handler: ueInfo)
    }

    @Sendable static func ueInfo(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let imsi = try request.query.required("imsi")
        let reader = try await NEDataReader.resolve(IMSPlugin.neType, try request.query.required("neId"), context)
        let data = try await reader.data(ueInfoPath, query: [("imsi", imsi)])
        guard let rows = data.arrayValue, rows.allSatisfy({ $0["imsi"]?.stringValue != nil && $0["regState"]?.intValue != nil }) else {
            throw OMCError(.neFailure, "NE \(reader.element.key) answered registrations that are not a list of objects with imsi and regState")
        }
        return .success(data)
    }
}
