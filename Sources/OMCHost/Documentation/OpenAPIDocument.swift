import Foundation
import PluginAPI

/// The OpenAPI 3.1 document of every mounted route, generated from the routes' declarations: path and
/// query parameters with their rules, request bodies (JSON Schema or multipart), answers in the API
/// document's envelopes (`{code, msg, data}`, `{code, msg, rows, total}`), permission
/// (`x-permission`), audit class (`x-audit-class`), owning plugin (tag) and security.
struct OpenAPIDocument {
    /// Named shapes (``ValueSchema/name``), listed once under `components/schemas`.
    private var components: [String: JSONValue] = [
        "Failure": .object([
            "type": "object", "required": ["code", "msg"],
            "description": "The document's failure envelope; `msg` names every failing field and its rule",
            "properties": ["code": ["type": "integer"], "msg": ["type": "string"]],
        ]),
        "Message": .object([
            "type": "object", "required": ["code", "msg"],
            "properties": ["code": ["type": "integer"], "msg": ["type": "string"]],
        ]),
        "Envelope": .object([
            "type": "object", "required": ["code", "msg"],
            "description": "The document's success envelope, with `data` or with `rows` and `total`",
            "properties": ["code": ["type": "integer"], "msg": ["type": "string"], "data": [:],
                           "rows": ["type": "array", "items": [:]], "total": ["type": "integer"]],
        ]),
    ]
    private var operationIDs: Set<String> = []

    static func render(_ assembly: HostAssembly) -> [UInt8] {
        var document = OpenAPIDocument()
        var paths: [String: JSONValue] = [:]
        for route in assembly.routes.routes {
            var operations = paths[route.pattern.text]?.objectMembers ?? [:]
            operations[route.method.rawValue.lowercased()] = document.operation(route)
            paths[route.pattern.text] = .object(operations)
        }
        let plugins = assembly.plugins.map { "\($0.id) \($0.manifest.version)" }.joined(separator: ", ")
        let value: JSONValue = .object([
            "openapi": "3.1.0",
            "info": .object([
                "title": "OMC northbound API",
                "version": .string(APIVersion.current.description),
                "description": .string("Routes of the OMC host and its enabled plugins: \(plugins.isEmpty ? "none" : plugins). "
                    + "Failures answer `{code, msg}` with the HTTP status of their kind; a request that breaks a route's "
                    + "declared parameters or body is refused with 400 before anything runs, naming every failing field."),
            ]),
            "paths": .object(paths),
            "components": .object([
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": .object(document.components),
            ]),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(value))) ?? Array(#"{"openapi":"3.1.0"}"#.utf8)
    }

    private mutating func operation(_ route: MountedRoute) -> JSONValue {
        var operation: [String: JSONValue] = [
            "summary": .string(route.summary),
            "operationId": .string(uniqueOperationID(route)),
            "tags": [.string(route.owner)],
            "x-permission": .string(route.permission.description),
            "x-audit-class": .number(Double(route.audit.rawValue)),
        ]
        let bearer: JSONValue = ["bearer": []]
        operation["security"] = route.permission == .open ? .array([]) : .array([bearer])
        let declared = Dictionary(route.pathParameters.map { ($0.name, $0) }) { first, _ in first }
        var parameters: [JSONValue] = route.pattern.segments.compactMap { segment in
            guard case .parameter(let name) = segment else { return nil }
            return parameter(declared[name] ?? .string(name), in: "path")
        }
        parameters += route.queryParameters.map { parameter($0, in: "query") }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = route.body { operation["requestBody"] = requestBody(body) }
        let failure: JSONValue = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Failure"]]]]
        var responses: [String: JSONValue] = ["200": success(route.answer), "default": failure.adding("description", "Failure")]
        if route.body != nil || !route.queryParameters.isEmpty || !route.pathParameters.isEmpty {
            responses["400"] = failure.adding("description", "The request breaks the declared parameters or body; msg names every failing field")
        }
        if route.permission != .open {
            responses["401"] = failure.adding("description", "No valid session")
            if case .required = route.permission { responses["403"] = failure.adding("description", "The caller lacks the permission") }
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }

    private func parameter(_ parameter: RouteParameter, in location: String) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string(parameter.type.rawValue)]
        if let range = parameter.range {
            schema["minimum"] = .number(range.lowerBound)
            schema["maximum"] = .number(range.upperBound)
        }
        if !parameter.allowed.isEmpty { schema["enum"] = .array(parameter.allowed.map(JSONValue.string)) }
        if let pattern = parameter.pattern { schema["pattern"] = .string(pattern) }
        if let maxLength = parameter.maxLength { schema["maxLength"] = .number(Double(maxLength)) }
        if location == "path", parameter.type == .string, schema["pattern"] == nil { schema["minLength"] = 1 }
        var result: [String: JSONValue] = ["name": .string(parameter.name), "in": .string(location),
                                           "required": .bool(location == "path" || parameter.required), "schema": .object(schema)]
        if !parameter.description.isEmpty { result["description"] = .string(parameter.description) }
        return .object(result)
    }

    private mutating func requestBody(_ body: RouteBody) -> JSONValue {
        switch body {
        case .json(let shape, let required):
            return ["required": .bool(required), "content": ["application/json": ["schema": schema(shape)]]]
        case .multipart(let files, let fields):
            var properties: [String: JSONValue] = [:]
            for file in files { properties[file] = ["type": "string", "format": "binary"] }
            for field in fields { properties[field.name] = parameter(field, in: "form")["schema"] ?? ["type": "string"] }
            let required = files + fields.filter(\.required).map(\.name)
            var shape: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
            if !required.isEmpty { shape["required"] = .array(required.map(JSONValue.string)) }
            return ["required": true, "content": ["multipart/form-data": ["schema": .object(shape)]]]
        }
    }

    private mutating func success(_ answer: RouteAnswer?) -> JSONValue {
        let envelope = { (members: [String: JSONValue], required: [String]) -> JSONValue in
            let common: [String: JSONValue] = ["code": ["type": "integer"], "msg": ["type": "string"]]
            return .object(["type": "object", "required": .array(required.map(JSONValue.string)),
                            "properties": .object(common.merging(members) { $1 })])
        }
        let schema: JSONValue
        var mediaType = "application/json"
        switch answer {
        case nil: schema = ["$ref": "#/components/schemas/Envelope"]
        case .message: schema = ["$ref": "#/components/schemas/Message"]
        case .data(let shape): schema = envelope(["data": self.schema(shape)], ["code", "msg"])
        case .rows(let shape):
            schema = envelope(["rows": ["type": "array", "items": self.schema(shape)], "total": ["type": "integer"]],
                              ["code", "msg", "rows", "total"])
        case .json(let shape): schema = self.schema(shape)
        case .file(let type):
            mediaType = type
            schema = ["type": "string", "format": "binary"]
        }
        return ["description": "Success", "content": .object([mediaType: ["schema": schema]])]
    }

    /// The JSON Schema of `shape`; a named shape is listed in `components/schemas` and referred to.
    private mutating func schema(_ shape: ValueSchema) -> JSONValue {
        var result: [String: JSONValue]
        switch shape.kind {
        case .any:
            result = [:]
        case .string(let minLength, let maxLength, let pattern, let allowed, let format):
            result = ["type": "string"]
            if minLength > 0 { result["minLength"] = .number(Double(minLength)) }
            if let maxLength { result["maxLength"] = .number(Double(maxLength)) }
            if let pattern { result["pattern"] = .string(pattern) }
            if !allowed.isEmpty { result["enum"] = .array(allowed.map(JSONValue.string)) }
            if let format { result["format"] = .string(format) }
        case .integer(let range, let orDigits):
            var number: [String: JSONValue] = ["type": "integer"]
            if let range {
                number["minimum"] = .number(Double(range.lowerBound))
                number["maximum"] = .number(Double(range.upperBound))
            }
            result = orDigits ? ["anyOf": [.object(number), ["type": "string", "pattern": "^-?[0-9]{1,18}$"]]] : number
        case .number(let range):
            result = ["type": "number"]
            if let range {
                result["minimum"] = .number(range.lowerBound)
                result["maximum"] = .number(range.upperBound)
            }
        case .boolean:
            result = ["type": "boolean"]
        case .array(let items, let maxItems):
            result = ["type": "array", "items": schema(items)]
            if let maxItems { result["maxItems"] = .number(Double(maxItems)) }
        case .object(let properties, let required):
            var members: [String: JSONValue] = [:]
            for (name, member) in properties { members[name] = schema(member) }
            result = ["type": "object", "properties": .object(members)]
            if !required.isEmpty { result["required"] = .array(required.map(JSONValue.string)) }
            if shape.othersRefused != nil { result["additionalProperties"] = false }
        }
        if !shape.description.isEmpty { result["description"] = .string(shape.description) }
        guard let name = shape.name else { return .object(result) }
        if components[name] == nil { components[name] = .object(result) }
        return ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// `post_ne_udm_sub_by-neId`; unique even in lower case (the document's `objectType/mml` and
    /// `objectType/MML` would otherwise name the same function in a generated client).
    private mutating func uniqueOperationID(_ route: MountedRoute) -> String {
        let words = route.pattern.segments.map { segment -> String in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "by-" + name
            }
        }
        let base = ([route.method.rawValue.lowercased()] + words).joined(separator: "_")
        var candidate = base
        var counter = 2
        while operationIDs.contains(candidate.lowercased()) {
            candidate = base + "_\(counter)"
            counter += 1
        }
        operationIDs.insert(candidate.lowercased())
        return candidate
    }
}

private extension JSONValue {
    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
