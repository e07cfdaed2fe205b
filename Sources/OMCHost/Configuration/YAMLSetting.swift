import PluginAPI

/// One `key: value` of a configuration section, with where it was written.
struct YAMLSetting: Sendable, Hashable {
    /// The value as YAML typed it (`8080` is an integer, `"8080"` a string).
    let value: ConfigValue
    /// The scalar as written, so that a string field accepts `version: 1.0`.
    let text: String?
    /// 1-based line of the value.
    let line: Int
}

extension ConfigField {
    /// Checks a section of settings against `fields`: unknown keys, wrong types, values out of range
    /// and missing required keys each become a diagnostic; absent keys take their defaults.
    /// `subsections` are the section's keys read elsewhere, named among the keys to use.
    static func validate(_ settings: [String: YAMLSetting], against fields: [ConfigField], section: String,
                         sectionLine: Int?, file: String, subsections: [String] = []) -> (PluginConfiguration, [ConfigurationDiagnostic]) {
        var values: [String: ConfigValue] = [:]
        var diagnostics: [ConfigurationDiagnostic] = []
        let known = fields.map(\.key) + subsections
        for (key, setting) in settings.sorted(by: { $0.value.line < $1.value.line }) {
            guard let field = fields.first(where: { $0.key == key }) else {
                diagnostics.append(ConfigurationDiagnostic(
                    file: file, line: setting.line, problem: "unknown key '\(key)' in \(section)",
                    fix: known.isEmpty ? "this section takes no keys: remove it" : "use one of: " + known.joined(separator: ", ")))
                continue
            }
            var value = setting.value
            if case .string = field.kind, let text = setting.text { value = .string(text) }
            if let rule = field.violation(of: value) {
                diagnostics.append(ConfigurationDiagnostic(
                    file: file, line: setting.line, problem: "\(section).\(key) is \(setting.text ?? value.description), but it \(rule)",
                    fix: "set \(key) to \(field.kind.typeName)\(field.defaultValue.map { " (default \($0))" } ?? "") — \(field.help)"))
                continue
            }
            values[key] = value
        }
        for field in fields where values[field.key] == nil && settings[field.key] == nil {
            if let value = field.defaultValue {
                values[field.key] = value
            } else if field.required {
                diagnostics.append(ConfigurationDiagnostic(
                    file: file, line: sectionLine, problem: "\(section).\(field.key) is required",
                    fix: "add \(field.key): <\(field.kind.typeName)> — \(field.help)"))
            }
        }
        return (PluginConfiguration(values), diagnostics)
    }
}
