import PluginAPI
import Foundation

/// The JSON object body of an administration route, read field by field with the document's
/// looseness (ids and sort numbers come as strings or numbers: `"deptId": "105"` and `"deptId": 80`
/// both appear) and precise errors naming the field and the rule.
struct BodyFields: Sendable {
    let members: [String: JSONValue]

    init(_ members: [String: JSONValue]) {
        self.members = members
    }

    static func read(_ request: OMCRequest) async throws -> BodyFields {
        let value = try await request.decode(JSONValue.self)
        guard case .object(let members) = value else { throw OMCError(.invalidInput, "request body: must be a JSON object") }
        return BodyFields(members)
    }

    /// Whether the body has `name` with a non-null value.
    func has(_ name: String) -> Bool {
        switch members[name] {
        case nil, .null?: false
        default: true
        }
    }

    /// Text of `name` (numbers are taken as text), trimmed; `nil` when absent, null or empty.
    func text(_ name: String, maxLength: Int) throws(OMCError) -> String? {
        let value: String
        switch members[name] {
        case nil, .null?: return nil
        case .string(let text)?: value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let number)?: value = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: throw OMCError.invalid(name, "must be a string")
        }
        if value.isEmpty { return nil }
        guard value.count <= maxLength else { throw OMCError.invalid(name, "must be at most \(maxLength) characters") }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw OMCError.invalid(name, "must not contain control characters")
        }
        return value
    }

    func requiredText(_ name: String, maxLength: Int) throws(OMCError) -> String {
        guard let value = try text(name, maxLength: maxLength) else { throw OMCError.invalid(name, "is required") }
        return value
    }

    /// A record id: a positive integer, as a string or a number.
    func id(_ name: String) throws(OMCError) -> Int64? {
        guard let value = members[name], value != .null else { return nil }
        guard let id = Self.id(value) else { throw OMCError.invalid(name, "must be a positive integer id") }
        return id
    }

    func requiredID(_ name: String) throws(OMCError) -> Int64 {
        guard let id = try id(name) else { throw OMCError.invalid(name, "is required") }
        return id
    }

    /// Ids given as an array of strings or numbers, or as one comma-separated string; `nil` when absent.
    func ids(_ name: String) throws(OMCError) -> [Int64]? {
        let items: [JSONValue]
        switch members[name] {
        case nil, .null?: return nil
        case .array(let values)?: items = values
        case .string(let text)?: items = text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }
        case .number?: items = [members[name] ?? .null]
        default: throw OMCError.invalid(name, "must be an array of ids")
        }
        guard items.count <= IDList.maximumCount else { throw OMCError.invalid(name, "at most \(IDList.maximumCount) ids at once") }
        var ids: [Int64] = []
        for (index, item) in items.enumerated() {
            guard let id = Self.id(item) else { throw OMCError.invalid("\(name)[\(index)]", "must be a positive integer id") }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// An integer (number or numeric string) within `range`.
    func integer(_ name: String, range: ClosedRange<Int>) throws(OMCError) -> Int? {
        let number: Int?
        switch members[name] {
        case nil, .null?: return nil
        case .number(let value)?: number = value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
        case .string(let text)?: number = Int(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number, range.contains(number) else {
            throw OMCError.invalid(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// One of `allowed` (given as text or number).
    func choice(_ name: String, _ allowed: [String]) throws(OMCError) -> String? {
        guard let value = try text(name, maxLength: 64) else { return nil }
        guard allowed.contains(value) else { throw OMCError.invalid(name, "must be \(Self.alternatives(allowed))") }
        return value
    }

    /// `true`/`false` as a JSON boolean or the text `true`/`false` (any case).
    func flag(_ name: String) throws(OMCError) -> Bool? {
        switch members[name] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .string(let text)? where text.lowercased() == "true": return true
        case .string(let text)? where text.lowercased() == "false": return false
        default: throw OMCError.invalid(name, "must be true or false")
        }
    }

    /// Text items of an array of strings; `nil` when absent.
    func texts(_ name: String, maxLength: Int, maxCount: Int) throws(OMCError) -> [String]? {
        switch members[name] {
        case nil, .null?: return nil
        case .array(let values)?:
            guard values.count <= maxCount else { throw OMCError.invalid(name, "at most \(maxCount) items") }
            return try values.enumerated().map { index, value throws(OMCError) in
                guard case .string(let text) = value, !text.isEmpty, text.count <= maxLength else {
                    throw OMCError.invalid("\(name)[\(index)]", "must be a non-empty string of at most \(maxLength) characters")
                }
                return text
            }
        default: throw OMCError.invalid(name, "must be an array of strings")
        }
    }

    static func id(_ value: JSONValue) -> Int64? {
        switch value {
        case .number(let number) where number == number.rounded() && number >= 1 && number < 9e15: Int64(number)
        case .string(let text): Int64(text.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 1 ? $0 : nil }
        default: nil
        }
    }

    static func alternatives(_ allowed: [String]) -> LocalizedMessage {
        allowed.count <= 1 ? .verbatim(allowed.joined()) : "\(allowed.dropLast().joined(separator: ", ")) or \(allowed.last ?? "")"
    }
}
