import PluginAPI

extension JSONValue {
    /// The members of an object; `nil` for any other value.
    var members: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
