import PluginAPI

/// One field of a UDM record: its name in the API document's JSON, in the database, in CSV headers
/// and (upper-cased) in MML, with its rule.
struct RecordField: Sendable, Hashable {
    /// `imsi`, `smData`, `ki`, …
    let name: String
    /// What a value must look like.
    let rule: FieldRule
    /// Whether a record needs it; optional fields default to `defaultValue`.
    let required: Bool
    /// The value of an optional field left out.
    let defaultValue: String
    /// Whether the value is a secret (Ki, OPc): encrypted at rest, masked unless the caller may see it.
    let secret: Bool
    /// One sentence for MML help and the docs.
    let help: LocalizedMessage

    init(_ name: String, _ rule: FieldRule, required: Bool = false, default defaultValue: String = "",
         secret: Bool = false, help: LocalizedMessage) {
        self.name = name
        self.rule = rule
        self.required = required
        self.defaultValue = defaultValue
        self.secret = secret
        self.help = help
    }
}
