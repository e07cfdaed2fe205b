/// Bounds every text the log tables keep, whatever the host or a caller sent: a 40,000-character
/// MML line or user name is stored cut, with a note of its original length, so that no row can
/// grow the database without limit or break an export.
enum StoredText {
    /// The most characters one stored field keeps (the host already cuts operation-log entries there).
    static let limit = 2000

    /// `text` cut to `limit` Unicode scalars (a count no single grapheme can inflate), with a note
    /// of the original length.
    static func bounded(_ text: String, limit: Int = StoredText.limit) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        let note = "… (cut: \(scalars.count) characters in all)"
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(max(0, limit - note.unicodeScalars.count)))
        return String(kept) + note
    }
}
