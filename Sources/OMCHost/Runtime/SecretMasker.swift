import Foundation
import PluginAPI

/// Masks secrets in everything the host records: the operation log's parameters and result, error
/// messages and log lines. A field is secret when its name is well known (password, Ki, OPc, token,
/// key, …) or declared by a plugin (``PluginRegistrar/secretFields(_:)``) or a route; its value is
/// masked in every shape the host meets: JSON members, `name=value` / `name = value` / `NAME: value`
/// text, and columns headed by the name in text tables. Values of secret fields given in a request
/// are also masked wherever the answer repeats them (an error message echoing its input).
struct SecretMasker: Sendable {
    static let mask = "******"

    /// Keys masked wherever they appear, compared case-insensitively; plus any key containing
    /// `password`, `secret` or `token`.
    static let wellKnown: Set<String> = ["password", "pwd", "passwd", "ki", "opc", "op", "k", "key", "authorization",
                                         "accesstoken", "privatekey", "signingkey", "apikey", "credential", "credentials"]

    /// Values shorter than this are not searched for in answers: they would mask ordinary words.
    static let shortestScrubbedValue = 6

    /// Names every enabled plugin declared, lower-cased.
    let declared: Set<String>

    init(declared: [String] = []) {
        self.declared = Set(declared.map { $0.lowercased() })
    }

    func isSecret(_ key: some StringProtocol, extra: [String] = []) -> Bool {
        let lower = key.lowercased()
        return Self.wellKnown.contains(lower) || declared.contains(lower)
            || lower.contains("password") || lower.contains("secret") || lower.contains("token")
            || extra.contains { $0.lowercased() == lower }
    }

    // MARK: Input

    /// The body as JSON with secret values masked, or a note of its size and type when it is not JSON.
    func maskedBody(_ bytes: [UInt8], contentType: String?, extra: [String]) -> String {
        guard !bytes.isEmpty else { return "" }
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) { return Self.text(masked(value, extra: extra)) }
        return "(\(bytes.count) bytes of \(contentType ?? "unknown type"))"
    }

    func masked(_ value: JSONValue, extra: [String]) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { key, member in
                (key, isSecret(key, extra: extra) && member != .null ? .string(Self.mask) : masked(member, extra: extra))
            }))
        case .array(let items):
            return .array(items.map { masked($0, extra: extra) })
        case .string(let text):
            // A string member may carry text of its own (an MML line in a JSON body).
            return .string(maskedPairs(text, extra: extra))
        default:
            return value
        }
    }

    /// `name=value&…` with secret values masked.
    func maskedQuery(_ query: QueryParameters, extra: [String]) -> String {
        query.pairs.map { "\($0.name)=\(isSecret($0.name, extra: extra) ? Self.mask : $0.value)" }.joined(separator: "&")
    }

    /// The command as text with secret argument values masked (`ADD AUTHDAT: IMSI=…, KI=******`).
    func maskedCommand(_ command: MMLCommand) -> String {
        let arguments = command.arguments.map { "\($0.name)=\(isSecret($0.name) ? Self.mask : $0.value)" }
        return command.name + (arguments.isEmpty ? "" : ": " + arguments.joined(separator: ", "))
    }

    /// The values of secret fields in a request's query and JSON body, to mask where an answer repeats them.
    func secretValues(query: QueryParameters, body: [UInt8]?, extra: [String]) -> [String] {
        var values = query.pairs.filter { isSecret($0.name, extra: extra) }.map(\.value)
        if let body, let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) {
            collectSecretValues(json, extra: extra, into: &values)
        }
        return values
    }

    /// The values of secret arguments of an MML command.
    func secretValues(_ command: MMLCommand) -> [String] {
        command.arguments.filter { isSecret($0.name) }.map(\.value)
    }

    private func collectSecretValues(_ value: JSONValue, extra: [String], into values: inout [String]) {
        switch value {
        case .object(let members):
            for (key, member) in members {
                if isSecret(key, extra: extra), let text = member.stringValue { values.append(text) }
                collectSecretValues(member, extra: extra, into: &values)
            }
        case .array(let items):
            for item in items { collectSecretValues(item, extra: extra, into: &values) }
        default:
            break
        }
    }

    // MARK: Output

    /// Any text (an answer's message, an MML output, a forwarded NE answer, a log line) with secrets
    /// masked: JSON structurally, otherwise `name=value` pairs and secret table columns; then every
    /// occurrence of `values` (the request's own secrets), in any letter case.
    func maskedText(_ text: String, extra: [String] = [], values: [String] = []) -> String {
        guard !text.isEmpty else { return text }
        var result: String
        if let first = text.first(where: { !$0.isWhitespace }), first == "{" || first == "[",
           let json = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
            result = Self.text(masked(json, extra: extra))
        } else {
            result = maskedTables(maskedPairs(text, extra: extra), extra: extra)
        }
        for value in Set(values) where value.count >= Self.shortestScrubbedValue {
            result = result.replacingOccurrences(of: value, with: Self.mask, options: [.caseInsensitive, .literal])
        }
        return result
    }

    /// `name=value`, `name = value`, `name: value` and `"name":"value"` with the value masked when
    /// `name` is secret. A value runs to the next blank, `,`, `;`, `&`, `|` or closing bracket, or
    /// to its closing quote.
    func maskedPairs(_ text: String, extra: [String]) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "=")) || bytes.contains(UInt8(ascii: ":")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard Self.isNameByte(bytes[index]), index == 0 || !Self.isNameByte(bytes[index - 1]) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
            var cursor = end
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") { cursor += 1 }
            cursor = Self.skipBlanks(bytes, from: cursor)
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") || bytes[cursor] == UInt8(ascii: ":"),
               isSecret(String(decoding: bytes[index..<end], as: UTF8.self), extra: extra) {
                var valueStart = Self.skipBlanks(bytes, from: cursor + 1)
                // `Authorization: Bearer <credentials>`: the scheme stays, the credentials go.
                if let scheme = Self.authorizationScheme(bytes, at: valueStart) { valueStart = Self.skipBlanks(bytes, from: scheme) }
                let valueEnd = Self.valueEnd(bytes, from: valueStart)
                // A placeholder (`<token>`) in a help text is no secret.
                if valueEnd > valueStart, bytes[valueStart] != UInt8(ascii: "<") {
                    output.append(contentsOf: bytes[index..<valueStart])
                    let quoted = bytes[valueStart] == UInt8(ascii: "\"")
                    if quoted { output.append(UInt8(ascii: "\"")) }
                    output.append(contentsOf: Self.mask.utf8)
                    if quoted { output.append(UInt8(ascii: "\"")) }
                    index = valueEnd
                    continue
                }
            }
            output.append(contentsOf: bytes[index..<end])
            index = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Text tables (cells separated by tabs, or aligned by spaces): in the rows under a header line
    /// naming a secret column, that column's cells are masked. A header has no `=` or `:` (those
    /// lines are pairs); a blank line or a `(N records)` line ends a table.
    func maskedTables(_ text: String, extra: [String]) -> String {
        guard text.contains("\n") else { return text }
        var lines = text.components(separatedBy: "\n")
        var secretColumns: [Int] = []
        for number in lines.indices {
            let line = lines[number]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || (trimmed.hasPrefix("(") && trimmed.hasSuffix(")")) {
                secretColumns = []
                continue
            }
            let cells = Self.cells(of: line)
            if secretColumns.isEmpty {
                if cells.count >= 2, !line.contains("="), !line.contains(":") {
                    secretColumns = cells.indices.filter { isSecret(line[cells[$0]].trimmingCharacters(in: .whitespaces), extra: extra) }
                }
                continue
            }
            var masked = line
            for column in secretColumns.reversed() where column < cells.count {
                masked.replaceSubrange(cells[column], with: Self.mask)
            }
            lines[number] = masked
        }
        return lines.joined(separator: "\n")
    }

    /// Ranges of a line's cells: split at tabs when it has any, else at runs of two or more
    /// spaces, else at single spaces.
    static func cells(of line: String) -> [Range<String.Index>] {
        let separatorLength: Int
        let separator: (Character) -> Bool
        if line.contains("\t") {
            separator = { $0 == "\t" }
            separatorLength = 1
        } else {
            separator = { $0 == " " }
            separatorLength = line.contains("  ") ? 2 : 1
        }
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = line.startIndex
        while index < line.endIndex {
            if separator(line[index]) {
                var run = line.index(after: index)
                var length = 1
                while run < line.endIndex, separator(line[run]) {
                    run = line.index(after: run)
                    length += 1
                }
                if length >= separatorLength || line[index] == "\t" {
                    if let begun = start { ranges.append(begun..<index) }
                    start = nil
                }
                index = run
            } else {
                if start == nil { start = index }
                index = line.index(after: index)
            }
        }
        if let begun = start { ranges.append(begun..<line.endIndex) }
        return ranges
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D
    }

    /// The end of `Bearer ` or `Basic ` at `start`, if the text has one there.
    private static func authorizationScheme(_ bytes: [UInt8], at start: Int) -> Int? {
        for scheme in ["bearer ", "basic "] {
            let word = Array(scheme.utf8)
            if start + word.count <= bytes.count, zip(bytes[start..<(start + word.count)], word).allSatisfy({ $0 | 0x20 == $1 }) {
                return start + word.count - 1
            }
        }
        return nil
    }

    private static func skipBlanks(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index
    }

    private static func valueEnd(_ bytes: [UInt8], from start: Int) -> Int {
        guard start < bytes.count else { return start }
        if bytes[start] == UInt8(ascii: "\"") {
            var index = start + 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            return min(index + 1, bytes.count)
        }
        var index = start
        while index < bytes.count, !" \t\r\n,;&|)]}".utf8.contains(bytes[index]) { index += 1 }
        return index
    }

    private static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "(unencodable JSON)"
    }

    // MARK: Bounds

    /// The most characters one stored field of the operation log keeps.
    static let storedFieldLimit = 2000

    /// `text` cut to at most `limit` Unicode scalars (a count no single grapheme can inflate),
    /// ending with a note of the original length.
    static func bounded(_ text: String, limit: Int = storedFieldLimit) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        let note = "… (cut: \(scalars.count) characters in all)"
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(max(0, limit - note.unicodeScalars.count)))
        return String(kept) + note
    }
}
