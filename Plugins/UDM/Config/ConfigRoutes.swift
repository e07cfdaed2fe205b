import PluginAPI

/// `GET/PUT/POST/DELETE /api/rest/systemManagement/v1/elementType/udm/objectType/config/{name}?ne_id=&loc=`:
/// UDM configuration sections, checked against the parameter schema of ``UDMDescriptor`` (type,
/// range, allowed values, read-only) and applied to the NE, which answers with the section's data.
enum ConfigRoutes {
    static let path = "/api/rest/systemManagement/v1/elementType/udm/objectType/config/{name}"

    static func declare(_ plugin: inout PluginRegistrar, runtime: UDMRuntime) {
        let handler: RouteHandler = { request, context in try await handle(request, context, runtime: runtime) }
        let name = RouteParameter.string("name", description: "Section: " + UDMDescriptor.descriptor.configSections.map(\.name).joined(separator: ", "))
        let neID = RouteParameter.string("ne_id", required: true, maxLength: 32, description: "The UDM's NE id")
        let loc = RouteParameter.integer("loc", range: 0...1_000_000, description: "Position of the record in a list section",
                                         rule: "must be a record position from 0")
        let parameters = RouteBody.json(ValueSchema.anyValue.described("An object of the section's parameters by key, checked against the UDM's parameter schema"))
        let answer = RouteAnswer.data(ValueSchema.anyValue.described("The section's data, as the NE answers it"))
        plugin.route(.get, path, permission: "udm:config:query", summary: "Read a UDM configuration section",
                     parameters: [name], query: [neID, loc], answer: answer, handler: handler)
        plugin.route(.put, path, permission: "udm:config:edit", summary: "Change parameters of a UDM configuration section",
                     parameters: [name], query: [neID, loc], body: parameters, answer: answer, handler: handler)
        plugin.route(.post, path, permission: "udm:config:edit", summary: "Add a record to a UDM configuration list",
                     parameters: [name], query: [neID, loc], body: parameters, answer: answer, handler: handler)
        plugin.route(.delete, path, permission: "udm:config:edit", summary: "Remove a record of a UDM configuration list",
                     parameters: [name], query: [neID, loc], answer: answer, handler: handler)
    }

    static func handle(_ request: OMCRequest, _ context: PluginContext, runtime: UDMRuntime) async throws -> OMCResponse {
        let name = try request.pathParameter("name")
        let sections = UDMDescriptor.descriptor.configSections
        guard let section = sections.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw OMCError.notFound("UDM has no configuration section '\(name)'; it has \(sections.map(\.name).joined(separator: ", "))")
        }
        let neID = try request.query.required("ne_id")
        let loc = request.query["loc"]
        if let loc, Int(loc).map({ $0 >= 0 }) != true { throw OMCError.invalid("loc", "must be a record position from 0") }
        var body: JSONValue?
        switch request.method {
        case .put:
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
        let client = try await runtime.client(neID, context)
        return .success(try await client.config(request.method, section: section.name, loc: loc, body: body))
    }

    /// The body, every parameter checked; `complete` also needs every required parameter.
    static func checked(_ request: OMCRequest, section: NEConfigSection, complete: Bool) async throws -> JSONValue {
        try section.checkedChange(try await request.decode(JSONValue.self), complete: complete)
    }
}
