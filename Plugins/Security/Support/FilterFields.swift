import Foundation
import PluginAPI

/// The filter fields of a list (from the query string) or of an export (from the JSON body), as
/// text; empty values count as absent, as the document's clients send unset filters.
struct FilterFields: Sendable {
    private let values: [String: String]

    init(_ query: QueryParameters) {
        var values: [String: String] = [:]
        for pair in query.pairs where !pair.value.isEmpty && values[pair.name] == nil { values[pair.name] = pair.value }
        self.values = values
    }

    /// Reads a JSON object body; an empty body is no filter. Strings, numbers and booleans are taken as text.
    init(jsonBody bytes: [UInt8]) throws(OMCError) {
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { self.values = [:]; return }
        let value = try JSONBody.decode(JSONValue.self, from: bytes)
        guard case .object(let members) = value else { throw OMCError(.invalidInput, "request body: must be a JSON object") }
        var values: [String: String] = [:]
        for (key, member) in members {
            switch member {
            case .string(let text) where !text.isEmpty: values[key] = text
            case .number(let number): values[key] = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            case .bool(let flag): values[key] = String(flag)
            case .null, .string: break
            default: throw OMCError.invalid(key, "must be a string or a number")
            }
        }
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    /// A status filter: `"0"` or `"1"`.
    func status(_ name: String) throws(OMCError) -> String? {
        guard let value = values[name] else { return nil }
        guard value == "0" || value == "1" else { throw OMCError.invalid(name, "must be 0 or 1") }
        return value
    }

    /// `beginTime` and `endTime` as milliseconds: each either milliseconds since 1970, `yyyy-MM-dd`
    /// (an end date covers its whole day) or `yyyy-MM-dd HH:mm:ss`, in the OMC's time zone.
    func timeRange() throws(OMCError) -> (Int64?, Int64?) {
        let begin = try time("beginTime", endOfDay: false)
        let end = try time("endTime", endOfDay: true)
        if let begin, let end, begin > end { throw OMCError.invalid("endTime", "must not be before beginTime") }
        return (begin, end)
    }

    private func time(_ name: String, endOfDay: Bool) throws(OMCError) -> Int64? {
        guard let text = values[name] else { return nil }
        if let milliseconds = Int64(text), milliseconds >= 0 { return milliseconds }
        if let date = DocumentTime.parse(text) { return Milliseconds.of(date) }
        if let date = DocumentTime.parseDay(text) { return Milliseconds.of(date) + (endOfDay ? 86_400_000 - 1 : 0) }
        throw OMCError.invalid(name, "must be milliseconds since 1970, yyyy-MM-dd or yyyy-MM-dd HH:mm:ss")
    }
}
