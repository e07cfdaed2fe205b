/// A configuration value, as written in `plugins.yaml` or in an NE's parameter set.
public enum ConfigValue: Sendable, Hashable, CustomStringConvertible {
    /// Text.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A number that may have a fraction.
    case number(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A list of strings.
    case list([String])

    /// The value as written in YAML.
    public var description: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .boolean(let value): String(value)
        case .list(let values): "[" + values.joined(separator: ", ") + "]"
        }
    }
}
