import PluginAPI

/// `GET/PUT/POST/DELETE /api/rest/systemManagement/v1/elementType/smf/objectType/config/{name}?ne_id=&loc=`:
/// the SMF's configuration sections (`dnn`, `upf`, `system`), checked against the parameter schema of
/// ``SMFDescriptor`` (type, range, allowed values, read-only, required) before anything reaches the
/// NE, which answers with the section's data.
enum SMFConfigRoutes {
    static let path = "/api/rest/systemManagement/v1/elementType/smf/objectType/config/{name}"

    static func declare(_ plugin: inout PluginRegistrar) {
        let sections = SMFDescriptor.descriptor.configSections.map(\.name)
        let name = RouteParameter.string("name", description: "Section: " + sections.joined(separator: ", "))
        let neID = RouteParameter.string("ne_id", required: true, maxLength: 32, description: "The SMF's NE id")
        let loc = RouteParameter.integer("loc", range: 0...1_000_000, description: "Position of the record in a list section",
                                         rule: "must be a record position from 0")
        let parameters = RouteBody.json(ValueSchema.anyValue.described("An object of the section's parameters by key, checked against the SMF's parameter schema"))
        let answer = RouteAnswer.data(ValueSchema.anyValue.described("The section's data, as the NE answers it"))
        plugin.route(.get, path, permission: "smf:config:query", summary: "Read an SMF configuration section (dnn, upf, system)",
                     parameters: [name], query: [neID, loc], answer: answer, handler: handle)
        plugin.route(.put, path, permission: "smf:config:edit", summary: "Change parameters of an SMF configuration section",
                     parameters: [name], query: [neID, loc], body: parameters, answer: answer, handler: handle)
        plugin.route(.post, path, permission: "smf:config:edit", summary: "Add a record to an SMF configuration list (dnn, upf)",
                     parameters: [name], query: [neID], body: parameters, answer: answer, handler: handle)
        plugin.route(.delete, path, permission: "smf:config:edit", summary: "Remove a record of an SMF configuration list (dnn, upf)",
                     parameters: [name], query: [neID, loc], answer: answer, handler: handle)
    }

    @Sendable static func handle(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let name = try request.pathParameter("name")
        let sections = SMFDescriptor.descriptor.configSections
        guard let section = sections.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw OMCError.notFound("SMF has no configuration section '\(name)'; it has \(sections.map(\.name).joined(separator: ", "))")
        }
        let neID = try request.query.required("ne_id")
        let loc = request.query["loc"].flatMap { $0.isEmpty ? nil : $0 }
        var body: JSONValue?
        switch request.method {
        case .put:
            if section.isList, loc == nil { throw OMCError.invalid("loc", "is required: the position of the record to change") }
            body = try await checked(request, section: section, complete: false)
        case .post:
            guard section.isList else { throw OMCError.invalid("name", "section \(section.name) holds one record: change it with PUT") }
            body = try await checked(request, section: section, complete: true)
        case .delete:
            guard section.isList else { throw OMCError.invalid("name", "section \(section.name) holds one record and cannot be removed") }
            guard loc != nil else { throw OMCError.invalid("loc", "is required: the position of the record to remove") }
        default:
            break
        }
        let reader = try await NEDataReader.resolve(SMFPlugin.neType, neID, context)
        let nePath = "/api/rest/systemManagement/v1/elementType/smf/objectType/config/\(section.name)"
        let query: [(name: String, value: String)] = loc.map { [("loc", $0)] } ?? []
        let neRequest = body.map { NERequest.json(request.method, nePath, $0, query: query) }
            ?? NERequest(method: request.method, path: nePath, query: query)
        return .success(try await reader.data(neRequest))
    }

    /// The body, every parameter checked against the schema; `complete`
    /// also needs every required parameter. The first broken parameter is named.
    static func checked(_ request: OMCRequest, section: NEConfigSection, complete: Bool) async throws -> JSONValue {
        try section.checkedChange(try await request.decode(JSONValue.self), complete: complete)
    }
}
