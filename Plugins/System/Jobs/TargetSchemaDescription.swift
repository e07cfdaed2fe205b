import PluginAPI

/// A job target's parameter schema as JSON-Schema-like JSON, for `GET /monitor/job/targets`, so a
/// client can build the `targetParams` form.
enum TargetSchemaDescription {
    static func json(_ schema: ValueSchema) -> JSONValue {
        var members: [String: JSONValue] = [:]
        switch schema.kind {
        case .string(let minLength, let maxLength, let pattern, let allowed, _):
            members["type"] = "string"
            if minLength > 0 { members["minLength"] = .number(Double(minLength)) }
            if let maxLength { members["maxLength"] = .number(Double(maxLength)) }
            if let pattern { members["pattern"] = .string(pattern) }
            if !allowed.isEmpty { members["enum"] = .array(allowed.map(JSONValue.string)) }
        case .integer(let range, _):
            members["type"] = "integer"
            if let range {
                members["minimum"] = .number(Double(range.lowerBound))
                members["maximum"] = .number(Double(range.upperBound))
            }
        case .number(let range):
            members["type"] = "number"
            if let range {
                members["minimum"] = .number(range.lowerBound)
                members["maximum"] = .number(range.upperBound)
            }
        case .boolean:
            members["type"] = "boolean"
        case .array(let items, let maxItems):
            members["type"] = "array"
            members["items"] = json(items)
            if let maxItems { members["maxItems"] = .number(Double(maxItems)) }
        case .object(let properties, let required):
            members["type"] = "object"
            members["properties"] = .object(properties.mapValues(json))
            members["required"] = .array(required.sorted().map(JSONValue.string))
        case .any:
            break
        }
        if !schema.description.isEmpty { members["description"] = .string(schema.description) }
        return .object(members)
    }
}
