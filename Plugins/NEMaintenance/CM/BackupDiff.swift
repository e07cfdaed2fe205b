import PluginAPI

/// What changed between two backups of one NE, section by section and parameter by parameter. A list
/// section's records are compared by position (`loc`), the way the NE addresses them: parameter
/// `2.dnn` is parameter `dnn` of record 2.
struct BackupDiff: Encodable, Sendable {
    struct Parameter: Encodable, Sendable {
        let name: String
        /// `added`, `removed` or `changed`.
        let change: String
        let from: JSONValue?
        let to: JSONValue?
    }

    struct Section: Encodable, Sendable {
        let section: String
        /// `added`, `removed` or `changed`.
        let change: String
        let parameters: [Parameter]
    }

    let from: String
    let to: String
    let sections: [Section]
    let unchangedSections: [String]

    static let schema = ValueSchema.object([
        "from": .string(), "to": .string(), "unchangedSections": .array(of: .string()),
        "sections": .array(of: .object([
            "section": .string(), "change": .string(oneOf: ["added", "removed", "changed"]),
            "parameters": .array(of: .object([
                "name": .string(description: "The parameter, or loc.parameter in a list section"),
                "change": .string(oneOf: ["added", "removed", "changed"]), "from": .anyValue, "to": .anyValue,
            ], required: ["name", "change"], name: "ConfigParameterChange")),
        ], required: ["section", "change", "parameters"], name: "ConfigSectionChange")),
    ], required: ["from", "to", "sections", "unchangedSections"], name: "ConfigBackupDiff")

    init(from: String, _ old: [String: JSONValue], to: String, _ new: [String: JSONValue]) {
        self.from = from
        self.to = to
        var sections: [Section] = []
        var unchanged: [String] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            switch (old[name], new[name]) {
            case (let before?, let after?):
                let parameters = Self.compare(before, after, prefix: "")
                if parameters.isEmpty { unchanged.append(name) } else { sections.append(Section(section: name, change: "changed", parameters: parameters)) }
            case (let before?, nil):
                sections.append(Section(section: name, change: "removed", parameters: Self.compare(before, .object([:]), prefix: "")))
            case (nil, let after?):
                sections.append(Section(section: name, change: "added", parameters: Self.compare(.object([:]), after, prefix: "")))
            case (nil, nil):
                break
            }
        }
        self.sections = sections
        unchangedSections = unchanged
    }

    /// The parameters that differ between two values of one section or record.
    private static func compare(_ before: JSONValue, _ after: JSONValue, prefix: String) -> [Parameter] {
        let left = members(before)
        let right = members(after)
        var changes: [Parameter] = []
        for key in Set(left.keys).union(right.keys).sorted(by: order) {
            let name = prefix + key
            switch (left[key], right[key]) {
            case (let a?, let b?) where a != b:
                if prefix.isEmpty, case .object = a, case .object = b, isList(before) {
                    changes += compare(a, b, prefix: "\(key).")
                } else {
                    changes.append(Parameter(name: name, change: "changed", from: a, to: b))
                }
            case (let a?, nil): changes.append(Parameter(name: name, change: "removed", from: a, to: nil))
            case (nil, let b?): changes.append(Parameter(name: name, change: "added", from: nil, to: b))
            default: break
            }
        }
        return changes
    }

    /// An object's members, a list's records keyed by position; anything else as one member `value`.
    private static func members(_ value: JSONValue) -> [String: JSONValue] {
        switch value {
        case .object(let members): return members
        case .array(let records): return Dictionary(uniqueKeysWithValues: records.enumerated().map { (String($0.offset), $0.element) })
        default: return ["value": value]
        }
    }

    private static func isList(_ value: JSONValue) -> Bool {
        if case .array = value { return true }
        return false
    }

    /// Record positions in numeric order, names alphabetically.
    private static func order(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b) { return x < y }
        return a < b
    }
}
