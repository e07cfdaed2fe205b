import Foundation

/// Decodes JSON request bodies and turns decoding failures into precise, operator-readable errors.
public enum JSONBody {
    /// Decodes `bytes` as `T`; failures become ``OMCError`` of kind `invalidInput` whose message names
    /// the field path (`neInfo.port`) and the rule (`is required`, `must be a string`).
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(OMCError) -> T {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw OMCError(.invalidInput, "request body is empty: a JSON object is required")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw OMCError(.invalidInput, describe(error, bytes: bytes))
        } catch let error as OMCError {
            throw error
        } catch {
            throw OMCError(.invalidInput, "request body: \(error)")
        }
    }

    static func describe(_ error: DecodingError, bytes: [UInt8]) -> LocalizedMessage {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(fieldPath(context.codingPath + [key])): is required"
        case .typeMismatch(let expected, let context):
            return "\(fieldPath(context.codingPath)): must be \(typeName(expected))"
        case .valueNotFound(let expected, let context):
            return "\(fieldPath(context.codingPath)): must be \(typeName(expected)), not null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "malformed JSON: \(syntaxProblem(bytes))" }
            return .verbatim("\(fieldPath(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return "request body: \(error)"
        }
    }

    /// `value` as compact JSON.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return Array(try encoder.encode(value))
    }

    /// Foundation's parser says where JSON breaks ("around character 5"); the decoder does not.
    static func syntaxProblem(_ bytes: [UInt8]) -> LocalizedMessage {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            return "the body is not a JSON object"
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return detail.map(LocalizedMessage.verbatim) ?? "the body is not valid JSON"
        }
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "body" }
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text
    }

    static func typeName(_ type: Any.Type) -> LocalizedMessage {
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        if [Int.self, Int64.self, Int32.self, UInt.self, UInt16.self].contains(where: { $0 == type }) { return "an integer" }
        if type == Double.self || type == Float.self { return "a number" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return "a valid \(name)"
    }
}
