import Foundation

/// A header value of the form `token; name=value; name="quoted value"` (`Content-Type`,
/// `Content-Disposition`), split into its leading token and its parameters.
struct HeaderParameters: Sendable {
    /// The leading token, lower-cased (`multipart/form-data`, `form-data`).
    let value: String
    /// The parameters by lower-cased name, quotes and backslash escapes removed.
    let parameters: [String: String]

    init(_ header: String) {
        var items: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        value = items[0].trimmingCharacters(in: .whitespaces).lowercased()
        var parameters: [String: String] = [:]
        for item in items.dropFirst() {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let name = item[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { parameters[name] = value }
        }
        self.parameters = parameters
    }

    /// The parameter `name`, preferring its RFC 5987 form `name*=UTF-8''percent-encoded` when present
    /// and decodable (how clients send non-ASCII file names).
    func text(_ name: String) -> String? {
        if let extended = parameters[name + "*"], let decoded = Self.decodeExtended(extended) { return decoded }
        return parameters[name]
    }

    /// Decodes `charset'language'percent-encoded-text`; only UTF-8 (and its ASCII subset) is accepted.
    static func decodeExtended(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, ["utf-8", "us-ascii"].contains(pieces[0].lowercased()) else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}
