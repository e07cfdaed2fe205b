import Foundation

/// One value of the hostile-input corpus (`Tests/Corpus/hostile-inputs.json`, written by
/// `Tests/Corpus/make_hostile_inputs.py`): SQL and path-traversal strings, markup, MML-like lines,
/// control characters, numbers as text, absurd lengths, other JSON types and deep nesting.
public struct HostileInput: Sendable {
    /// The corpus's class of the value (`sql`, `traversal`, `length`, `json`, …).
    public let kind: String
    /// The value as text, for a path segment, a query value or a JSON string; nil for values that
    /// exist only as JSON (other types, lone surrogates, nesting).
    public let text: String?
    /// The value as a JSON token: `text` as a JSON string, or the corpus's own token.
    public let json: String

    /// Every value of the corpus, in its order.
    public static func corpus() throws -> [HostileInput] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/hostile-inputs.json")
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: file))
        return try entries.map { try $0.input() }
    }

    /// `text` percent-encoded for a path segment or a query value.
    public var urlComponent: String? {
        text?.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
    }

    private struct Entry: Decodable {
        let `class`: String
        let value: String?
        let `repeat`: Int?
        let json: String?
        let open: String?
        let close: String?
        let depth: Int?

        func input() throws -> HostileInput {
            if let value {
                let text = String(repeating: value, count: self.repeat ?? 1)
                let token = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
                return HostileInput(kind: self.class, text: text, json: token)
            }
            if let json { return HostileInput(kind: self.class, text: nil, json: json) }
            guard let open, let close, let depth else {
                throw CocoaError(.coderInvalidValue, userInfo: [NSDebugDescriptionErrorKey: "corpus entry of class \(self.class) has no value"])
            }
            return HostileInput(kind: self.class, text: nil,
                                json: String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth))
        }
    }
}
