import PluginAPI

/// `GET/PUT /api/rest/systemManagement/v1/elementType/ims/objectType/config/{name}?ne_id=`: the IMS core's
/// configuration section `system`, a change checked against the parameter schema of
/// ``IMSDescriptor`` (type, range, allowed values, read-only) before anything reaches the NE,
/// which answers with the section's data.
enum IMSConfigRoutes {
    static let path = "/api/rest/systemManagement/v1/elementType/ims/objectType/config/{name}"

    static func declare(_ plugin: inout PluginRegistrar) {
        let sections = IMSDescriptor.descriptor.configSections.map(\.name)
        let name = RouteParameter.string("name", description: "Section: " + sections.joined(separator: ", "))
        let neID = RouteParameter.string("ne_id", required: true, maxLength: 32, description: "The IMS's NE id")
        let parameters = RouteBody.json(ValueSchema.anyValue.described("An object of the section's parameters by key, checked against the IMS's parameter schema"))
        let answer = RouteAnswer.data(ValueSchema.anyValue.described("The section's data, as the NE answers it"))
        plugin.route(.get, path, permission: "ims:config:query", summary: "Read an IMS configuration section (system)",
                     parameters: [name], query: [neID], answer: answer, handler: handle)
        plugin.route(.put, path, permission: "ims:config:edit", summary: "Change parameters of an IMS configuration section",
                     parameters: [name], query: [neID], body: parameters, answer: answer, handler: handle)
    }

    @Sendable static func handle(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let name = try request.pathParameter("name")
        let sections = IMSDescriptor.descriptor.configSections
        guard let section = sections.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw OMCError.notFound("IMS has no configuration section '\(name)'; it has \(sections.map(\.name).joined(separator: ", "))")
        }
        let neID = try request.query.required("ne_id")
        // `JSONValue` is nil-literal convertible, so a `cond ? value : nil` would send `.null` as a body.
        var body: JSONValue?
        if request.method == .put { body = try await checked(request, section: section) }
        let reader = try await NEDataReader.resolve(IMSPlugin.neType, neID, context)
        let nePath = "/api/rest/systemManagement/v1/elementType/ims/objectType/config/\(section.name)"
        let neRequest = body.map { NERequest.json(.put, nePath, $0) } ?? NERequest(method: .get, path: nePath)
        return .success(try await reader.data(neRequest))
    }

    /// The body, every parameter checked against the schema; the first broken parameter is named.
    static func checked(_ request: OMCRequest, section: NEConfigSection) async throws -> JSONValue {
        try section.checkedChange(try await request.decode(JSONValue.self))
    }
}
