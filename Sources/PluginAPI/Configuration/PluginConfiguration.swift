/// A plugin's validated configuration: the keys from `plugins.yaml`, completed with the defaults of
/// the manifest's ``ConfigField`` declarations.
public struct PluginConfiguration: Sendable, Hashable {
    /// Every key that has a value.
    public let values: [String: ConfigValue]

    /// Wraps already validated values.
    public init(_ values: [String: ConfigValue] = [:]) {
        self.values = values
    }

    /// The string at `key`, `nil` when absent or not a string.
    public func string(_ key: String) -> String? {
        if case .string(let value) = values[key] { return value }
        return nil
    }

    /// The integer at `key`, `nil` when absent or not an integer.
    public func integer(_ key: String) -> Int? {
        if case .integer(let value) = values[key] { return value }
        return nil
    }

    /// The number at `key` (an integer is widened), `nil` when absent.
    public func number(_ key: String) -> Double? {
        switch values[key] {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The boolean at `key`, `nil` when absent or not a boolean.
    public func boolean(_ key: String) -> Bool? {
        if case .boolean(let value) = values[key] { return value }
        return nil
    }

    /// The list at `key`, `nil` when absent or not a list.
    public func list(_ key: String) -> [String]? {
        if case .list(let value) = values[key] { return value }
        return nil
    }
}
