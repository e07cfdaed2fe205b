import PluginAPI

/// The document's clients send numbers as strings and strings as numbers (`"status": 1`); the
/// route declarations accept both, so reading a member accepts both too.
enum LenientText {
    static func of(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .number?: value?.intValue.map(String.init)
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }
}
