import PluginAPI

/// `GET/PUT /api/rest/systemManagement/v1/elementType/n3iwf/objectType/config/{name}?ne_id=`: the N3IWF's
/// configuration section `system`, a change checked against the parameter schema of
/// ``N3IWFDescriptor`` (type, range, allowed values, read-only) before anything reaches the NE,
/// which answers with the section's data.
enum N3IWFConfigRoutes {
    static let path = "/api/rest/systemManagement/v1/elementType/n3iwf/objectType/config/{name}"

    static func declare(_ plugin: inout PluginRegistrar) {
        let sections = N3IWFDescriptor.descriptor.configSections.map(\.name)
        let name = RouteParameter.string("name", description: "Section: " + sections.joined(separator: ", "))
        let neID = RouteParameter.string("ne_id", required: true, maxLength: 32, description: "The N3IWF's NE id")
        let parameters = RouteBody.json(ValueSchema.anyValue.described("An object of the section's parameters by key, checked against the N3IWF's parameter schema"))
        let answer = RouteAnswer.data(ValueSchema.anyValue.described("The section's data, as the NE answers it"))
        plugin.route(.get, path, permission: "n3iwf:config:query", summary: "Read an N3IWF configuration section (system)",
                     parameters: [name], query: [neID], answer: answer, handler: handle)
        plugin.route(.put, path, permission: "n3iwf:config:edit", summary: "Change parameters of an N3IWF configuration section",
                     parameters: [name], query: [neID], body: parameters, answer: answer, handler: handle)
    }

    @Sendable static func handle(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let name = try request.pathParameter("name")
        let sections = N3IWFDescriptor.descriptor.configSections
        guard let section = sections.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw OMCError.notFound("N3IWF has no configuration section '\(name)'; it has \(sections.map(\.name).joined(separator: ", "))")
        }
        let neID = try request.query.required("ne_id")
        // `JSONValue` is nil-literal convertible, so a `cond ? value : nil` would send `.null` as a body.
        var body: JSONValue?
        if request.method == .put { body = try await checked(request, section: section) }
        let reader = try await NEDataReader.resolve(N3IWFPlugin.neType, neID, context)
        let nePath = "/api/rest/systemManagement/v1/elementType/n3iwf/objectType/config/\(section.name)"
        let neRequest = body.map { NERequest.json(.put, nePath, $0) } ?? NERequest(method: .get, path: nePath)
        return .success(try await reader.data(neRequest))
    }

    /// The body, every parameter checked against the schema; the first broken parameter is named.
    static func checked(_ request: OMCRequest, section: NEConfigSection) async throws -> JSONValue {
        guard case .object(let values) = try await request.decode(JSONValue.self), !values.isEmpty else {
            throw OMCError(.invalidInput, "body: must be a JSON object of \(section.name) parameters")
        }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let field = section.parameters.first(where: { $0.key == key }) else {
                throw OMCError.invalid(key, "is not a parameter of \(section.name); it has \(section.parameters.map(\.key).joined(separator: ", "))")
            }
            if field.readOnly { throw OMCError.invalid(key, "is read-only") }
            if let problem = field.violation(of: configValue(value)) { throw OMCError.invalid(key, problem) }
        }
        return .object(values)
    }

    /// JSON as a configuration value, for checking; arrays and objects become a list the rules refuse.
    static func configValue(_ value: JSONValue) -> ConfigValue {
        switch value {
        case .string(let text): .string(text)
        case .bool(let flag): .boolean(flag)
        case .number(let number): number.rounded() == number && abs(number) < 9e15 ? .integer(Int(number)) : .number(number)
        case .array(let items): .list(items.map { $0.stringValue ?? "" })
        default: .list([])
        }
    }
}
