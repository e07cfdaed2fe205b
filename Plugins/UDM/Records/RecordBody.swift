import PluginAPI

/// A record's JSON body as field values: strings, or numbers written as integers (`"algoIndex": 0`).
/// `id` and `neId`, which the document's answers carry, are accepted and ignored; any other unknown
/// field is refused, so that a misspelt field never passes silently.
enum RecordBody {
    static func values(_ request: OMCRequest, schema: RecordSchema) async throws -> [String: String] {
        let body = try await request.decode(JSONValue.self)
        guard case .object(let object) = body else { throw OMCError(.invalidInput, "body: must be a JSON object") }
        var values: [String: String] = [:]
        for (key, value) in object {
            if key == "id" || key == "neId" { continue }
            guard schema.position(of: key) != nil else {
                throw OMCError.invalid(key, "is not a \(schema.noun) field; the fields are \(schema.names.joined(separator: ", "))")
            }
            switch value {
            case .string(let text): values[key] = text
            case .number: guard let number = value.intValue else { throw OMCError.invalid(key, "must be a string") }
                values[key] = String(number)
            case .null: continue
            default: throw OMCError.invalid(key, "must be a string")
            }
        }
        return values
    }
}
