import Foundation

/// A language the OMC answers in. Message ids are English; Chinese is the API document's default
/// (`Accept-Language: zh_CN;q=0.9 en_US;q=0.9`).
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    /// English, the language of message ids and of the operation log, and the fallback.
    case english = "en_US"
    /// Chinese (simplified).
    case chinese = "zh_CN"

    /// The language a caller asks for in `Accept-Language`.
    ///
    /// Reads RFC 9110's form (`zh-CN,zh;q=0.9,en;q=0.8`) and the API document's (`zh_CN;q=0.9
    /// en_US;q=0.9`: blanks between entries, underscores): entries are split at commas and blanks,
    /// `_` and `-` are the same, case is ignored. The entry with the highest q wins; on a tie the
    /// earlier one. `q=0` refuses a language; `*` is any language (English). A primary tag alone
    /// (`zh`) matches its language. Nothing usable means English.
    public init(acceptLanguage header: String?) {
        guard let header, !header.isEmpty else {
            self = .english
            return
        }
        var best: (language: Language, quality: Double)?
        var refused: Set<Language> = []
        var pending: (tag: String, quality: Double)?
        func settle() {
            guard let entry = pending else { return }
            pending = nil
            guard let language = Language(tag: entry.tag) else { return }
            if entry.quality <= 0 {
                refused.insert(language)
            } else if entry.quality > (best?.quality ?? 0) {
                best = (language, entry.quality)
            }
        }
        for token in header.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            // `;q=0.9` may follow its tag, or stand alone after a blank.
            var parts = token.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // A tag never holds `=`: a token that starts with one is the weight of the entry before.
            if parts.first?.contains("=") == true { parts.insert("", at: 0) }
            if let tag = parts.first, !tag.isEmpty {
                settle()
                pending = (tag, 1)
            }
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "q" else { continue }
                // An unreadable weight refuses the entry rather than guessing.
                pending?.quality = Double(pair[1]).map { min(max($0, 0), 1) } ?? 0
            }
        }
        settle()
        if let best, !refused.contains(best.language) {
            self = best.language
        } else {
            self = .english
        }
    }

    /// The language a tag names: `zh_CN`, `zh-cn`, `zh`, `zh-Hans-CN` are Chinese; `en…` and `*`
    /// English; `nil` for any other.
    public init?(tag: String) {
        let normalized = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        let primary = normalized.split(separator: "-").first.map(String.init) ?? normalized
        switch primary {
        case "zh": self = .chinese
        case "en", "*": self = .english
        default: return nil
        }
    }
}
