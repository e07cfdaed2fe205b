import PluginAPI

/// Every translation the host renders answers with: its own (``HostMessages``) and those of the
/// enabled plugins, merged per language. English needs none: message ids are English.
struct MessageCatalog: Sendable {
    private let byLanguage: [Language: MessageTranslations]

    /// The host's translations with `plugins`' added.
    init(plugins: [MessageTranslations]) {
        var merged: [Language: MessageTranslations] = [:]
        for translations in HostMessages.all + plugins {
            merged[translations.language] = merged[translations.language]?.merging(translations) ?? translations
        }
        byLanguage = merged
    }

    /// What renders messages in `language`: `nil` for English, which is rendered from the ids.
    func translations(for language: Language) -> MessageTranslations? {
        language == .english ? nil : byLanguage[language] ?? MessageTranslations(language, [:])
    }

    /// The caller's translations, from the request's `Accept-Language`.
    func translations(for headers: HeaderFields) -> MessageTranslations? {
        translations(for: Language(acceptLanguage: headers["Accept-Language"]))
    }

    /// Every message id with its text in `language`, as `/common/i18n` serves them; English maps
    /// each id to itself.
    func entries(in language: Language) -> [String: String] {
        let ids = byLanguage.values.reduce(into: Set<String>()) { $0.formUnion($1.entries.keys) }
        let translated = translations(for: language)
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, translated?.text(for: $0) ?? $0) })
    }

    /// The `data` of `/common/i18n`: `{"language": "zh_CN", "languages": ["en_US", "zh_CN"],
    /// "messages": {"<English text>": "<text in language>"}}`.
    struct Served: Encodable, Sendable {
        let language: Language
        let languages: [Language]
        let messages: [String: String]
    }
}
