/// One key a plugin (or an NE type's parameter set) accepts, with its type, limits and default.
///
/// The host checks `plugins.yaml` against these declarations before anything starts and reports
/// every mismatch with its line.
public struct ConfigField: Sendable, Hashable {
    /// The type and limits of a value.
    public enum Kind: Sendable, Hashable {
        /// Text, optionally limited to a set of values and a maximum length.
        case string(allowed: [String]?, maxLength: Int)
        /// A whole number within a range.
        case integer(ClosedRange<Int>)
        /// A number within a range.
        case number(ClosedRange<Double>)
        /// `true` or `false`.
        case boolean
        /// A list of strings, each at most `maxLength` characters.
        case list(maxLength: Int)
    }

    /// The key, as written in YAML (`pollIntervalSeconds`).
    public let key: String
    /// Type and limits.
    public let kind: Kind
    /// Used when the key is absent. A field without default and not `required` is simply absent.
    public let defaultValue: ConfigValue?
    /// Whether the key must be given.
    public let required: Bool
    /// Whether the value may be changed after it was set (NE parameters only).
    public let readOnly: Bool
    /// One sentence for the docs and for error messages.
    public let help: String

    /// Declares a field; prefer the typed constructors below.
    public init(key: String, kind: Kind, defaultValue: ConfigValue?, required: Bool = false,
                readOnly: Bool = false, help: String) {
        self.key = key
        self.kind = kind
        self.defaultValue = defaultValue
        self.required = required
        self.readOnly = readOnly
        self.help = help
    }

    /// A string field, optionally restricted to `allowed` values.
    public static func string(_ key: String, default value: String? = nil, allowed: [String]? = nil,
                              maxLength: Int = 1024, required: Bool = false, readOnly: Bool = false,
                              help: String) -> ConfigField {
        ConfigField(key: key, kind: .string(allowed: allowed, maxLength: maxLength),
                    defaultValue: value.map(ConfigValue.string), required: required, readOnly: readOnly, help: help)
    }

    /// An integer field within `range`.
    public static func integer(_ key: String, default value: Int? = nil, range: ClosedRange<Int>,
                               required: Bool = false, readOnly: Bool = false, help: String) -> ConfigField {
        ConfigField(key: key, kind: .integer(range), defaultValue: value.map(ConfigValue.integer),
                    required: required, readOnly: readOnly, help: help)
    }

    /// A number field within `range`.
    public static func number(_ key: String, default value: Double? = nil, range: ClosedRange<Double>,
                              required: Bool = false, readOnly: Bool = false, help: String) -> ConfigField {
        ConfigField(key: key, kind: .number(range), defaultValue: value.map(ConfigValue.number),
                    required: required, readOnly: readOnly, help: help)
    }

    /// A boolean field.
    public static func boolean(_ key: String, default value: Bool? = nil, required: Bool = false,
                               readOnly: Bool = false, help: String) -> ConfigField {
        ConfigField(key: key, kind: .boolean, defaultValue: value.map(ConfigValue.boolean),
                    required: required, readOnly: readOnly, help: help)
    }

    /// A list-of-strings field.
    public static func list(_ key: String, default value: [String]? = nil, maxLength: Int = 1024,
                            required: Bool = false, help: String) -> ConfigField {
        ConfigField(key: key, kind: .list(maxLength: maxLength), defaultValue: value.map(ConfigValue.list),
                    required: required, help: help)
    }

    /// Checks one value against this field's kind; returns the rule it breaks, or `nil` when it is valid.
    /// Integers are accepted where a number is expected.
    public func violation(of value: ConfigValue) -> LocalizedMessage? {
        switch (kind, value) {
        case (.string(let allowed, let maxLength), .string(let text)):
            if text.count > maxLength { return "must be at most \(maxLength) characters" }
            if let allowed, !allowed.contains(text) {
                return "must be one of \(allowed.joined(separator: ", "))"
            }
            return nil
        case (.integer(let range), .integer(let number)):
            return range.contains(number) ? nil : "must be between \(range.lowerBound) and \(range.upperBound)"
        case (.number(let range), .number(let number)):
            return range.contains(number) ? nil : "must be between \(range.lowerBound) and \(range.upperBound)"
        case (.number(let range), .integer(let number)):
            return range.contains(Double(number)) ? nil : "must be between \(range.lowerBound) and \(range.upperBound)"
        case (.boolean, .boolean):
            return nil
        case (.list(let maxLength), .list(let items)):
            return items.contains { $0.count > maxLength } ? "items must be at most \(maxLength) characters" : nil
        default:
            return "must be \(kind.typeName)"
        }
    }
}

extension ConfigField.Kind {
    /// `"a string"`, `"an integer"`, … for messages.
    public var typeName: LocalizedMessage {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .list: "a list of strings"
        }
    }
}
