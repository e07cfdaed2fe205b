import PluginAPI

/// `GET/PUT/POST/DELETE /api/rest/systemManagement/v1/elementType/amf/objectType/config/{name}?ne_id=&loc=`:
/// the AMF's configuration sections (`guami`, the document's route, `tai`, `system`), checked against
/// the parameter schema of ``AMFDescriptor`` (type, range, allowed values, read-only, required) and
/// the identifiers' formats of ``AMFIdentifierRule`` before anything reaches the NE, which answers
/// with the section's data.
enum AMFConfigRoutes {
    static let path = "/api/rest/systemManagement/v1/elementType/amf/objectType/config/{name}"

    static func declare(_ plugin: inout PluginRegistrar) {
        let sections = AMFDescriptor.descriptor.configSections.map(\.name)
        let name = RouteParameter.string("name", description: "Section: " + sections.joined(separator: ", "))
        let neID = RouteParameter.string("ne_id", required: true, maxLength: 32, description: "The AMF's NE id")
        let loc = RouteParameter.integer("loc", range: 0...1_000_000, description: "Position of the record in a list section",
                                         rule: "must be a record position from 0")
        let parameters = RouteBody.json(ValueSchema.anyValue.described("An object of the section's parameters by key, checked against the AMF's parameter schema"))
        let answer = RouteAnswer.data(ValueSchema.anyValue.described("The section's data, as the NE answers it"))
        plugin.route(.get, path, permission: "amf:config:query", summary: "Read an AMF configuration section (guami, tai, system)",
                     parameters: [name], query: [neID, loc], answer: answer, handler: handle)
        plugin.route(.put, path, permission: "amf:config:edit", summary: "Change parameters of an AMF configuration section",
                     parameters: [name], query: [neID, loc], body: parameters, answer: answer, handler: handle)
        plugin.route(.post, path, permission: "amf:config:edit", summary: "Add a record to an AMF configuration list (guami, tai)",
                     parameters: [name], query: [neID], body: parameters, answer: answer, handler: handle)
        plugin.route(.delete, path, permission: "amf:config:edit", summary: "Remove a record of an AMF configuration list (guami, tai)",
                     parameters: [name], query: [neID, loc], answer: answer, handler: handle)
    }

    @Sendable static func handle(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let name = try request.pathParameter("name")
        let sections = AMFDescriptor.descriptor.configSections
        guard let section = sections.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw OMCError.notFound("AMF has no configuration section '\(name)'; it has \(sections.map(\.name).joined(separator: ", "))")
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
        let reader = try await NEDataReader.resolve(AMFPlugin.neType, neID, context)
        let nePath = "/api/rest/systemManagement/v1/elementType/amf/objectType/config/\(section.name)"
        let query: [(name: String, value: String)] = loc.map { [("loc", $0)] } ?? []
        let neRequest = body.map { NERequest.json(request.method, nePath, $0, query: query) }
            ?? NERequest(method: request.method, path: nePath, query: query)
        return .success(try await reader.data(neRequest))
    }

    /// The body, every parameter checked against the schema and the identifier formats; `complete`
    /// also needs every required parameter. The first broken parameter is named.
    static func checked(_ request: OMCRequest, section: NEConfigSection, complete: Bool) async throws -> JSONValue {
        try section.checkedChange(try await request.decode(JSONValue.self), complete: complete) { key, value in
            guard let rule = AMFIdentifierRule.rules[key], let text = value.stringValue, !rule.accepts(text) else { return nil }
            return rule.message
        }
    }
}
