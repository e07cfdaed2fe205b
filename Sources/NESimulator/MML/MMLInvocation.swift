import Foundation

/// One MML command line as the NE received it, parsed loosely: `DSP CFG: NAME=system` gives verb
/// `DSP`, object `CFG` and parameter `NAME` = `system`. The OMC checks the syntax before forwarding
/// them, so the NE only needs to find the verb, the object and the `NAME=value` pairs.
public struct MMLInvocation: Sendable, Hashable {
    /// The command as received.
    public let text: String
    /// First word, upper-cased (`DSP`, or `DATE` for `date`).
    public let verb: String
    /// The words after the verb and before `:`, upper-cased and joined by one space; may be empty.
    public let object: String
    /// `NAME=value` pairs after `:`; names upper-cased, values trimmed and unquoted.
    public let parameters: [String: String]

    /// `VERB OBJECT`, the key commands are looked up by.
    public var key: String { Self.key(verb: verb, object: object) }

    /// The lookup key of a verb and an object.
    public static func key(verb: String, object: String) -> String {
        object.isEmpty ? verb.uppercased() : "\(verb.uppercased()) \(object.uppercased())"
    }

    /// Parses a command line; `nil` for a blank one.
    public init?(_ text: String) {
        var line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while line.hasSuffix(";") { line.removeLast() }
        let head: Substring
        let tail: Substring?
        if let colon = line.firstIndex(of: ":") {
            head = line[..<colon]
            tail = line[line.index(after: colon)...]
        } else {
            head = line[...]
            tail = nil
        }
        let words = head.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { return nil }
        self.text = text
        verb = first.uppercased()
        object = words.dropFirst().joined(separator: " ").uppercased()
        var parameters: [String: String] = [:]
        for pair in (tail ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces).uppercased()
            guard !name.isEmpty else { continue }
            var value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            parameters[name] = value
        }
        self.parameters = parameters
    }
}
