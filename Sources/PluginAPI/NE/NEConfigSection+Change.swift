extension NEConfigSection {
    /// `body` as a change of this section, checked before anything reaches the NE: a non-empty JSON
    /// object whose every key is a parameter of the section, not read-only, whose value keeps the
    /// parameter's rule and then `rule` (an NE type's own formats: `nil` when the value is fine);
    /// with `complete` (an entry added to a list section) every required parameter is present too.
    /// The first broken parameter, keys in order, is named in an invalid-input error.
    public func checkedChange(_ body: JSONValue, complete: Bool = false,
                              rule: (String, JSONValue) -> LocalizedMessage? = { _, _ in nil }) throws(OMCError) -> JSONValue {
        guard case .object(let values) = body, !values.isEmpty else {
            throw OMCError(.invalidInput, "body: must be a JSON object of \(name) parameters")
        }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let field = parameters.first(where: { $0.key == key }) else {
                throw OMCError.invalid(key, "is not a parameter of \(name); it has \(parameters.map(\.key).joined(separator: ", "))")
            }
            if field.readOnly { throw OMCError.invalid(key, "is read-only") }
            if let problem = field.violation(of: ConfigValue(checking: value)) { throw OMCError.invalid(key, problem) }
            if let problem = rule(key, value) { throw OMCError.invalid(key, problem) }
        }
        if complete, let missing = parameters.first(where: { $0.required && values[$0.key] == nil }) {
            throw OMCError.invalid(missing.key, "is required")
        }
        return body
    }
}

extension ConfigValue {
    /// A JSON value as a configuration value, for checking against a field's rule; arrays become a
    /// list, objects and null an empty list, which the rules of scalar fields refuse.
    public init(checking json: JSONValue) {
        switch json {
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .boolean(flag)
        case .number(let number): self = number.rounded() == number && abs(number) < 9e15 ? .integer(Int(number)) : .number(number)
        case .array(let items): self = .list(items.map { $0.stringValue ?? "" })
        default: self = .list([])
        }
    }
}
