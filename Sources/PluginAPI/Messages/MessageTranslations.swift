/// Translations of message ids (English templates, see ``LocalizedMessage``) into one language.
///
/// A plugin registers its own with ``PluginRegistrar/messages(_:)``, keyed by the English template
/// exactly as its code writes it: `"{0} is not registered"` → `"{0} 未注册"`. A translation keeps
/// every placeholder of its id, in whatever order the language needs.
public struct MessageTranslations: Sendable, Hashable {
    /// The language translated into.
    public let language: Language
    /// English template → translated template.
    public let entries: [String: String]

    /// Translations into `language`.
    public init(_ language: Language, _ entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// The translated template of `id`, or `nil` when there is none.
    public func text(for id: String) -> String? {
        entries[id]
    }

    /// These translations with `other`'s added; on a clash `other`'s win.
    public func merging(_ other: MessageTranslations) -> MessageTranslations {
        MessageTranslations(language, entries.merging(other.entries) { _, new in new })
    }

    /// The placeholder numbers a template uses (`{0}`, `{1}`…), each once.
    public static func placeholders(_ template: String) -> Set<Int> {
        var found: Set<Int> = []
        _ = LocalizedMessage.fill(template) { index in
            found.insert(index)
            return ""
        }
        return found
    }

    /// Where the host puts the caller's translations in a `JSONEncoder`'s user info, so that every
    /// ``LocalizedMessage`` in an answer is rendered in the caller's language.
    public static let codingKey = CodingUserInfoKey(rawValue: "omc.messageTranslations")!
}
