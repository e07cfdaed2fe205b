/// Bounds a text that is kept (a log field, an audit entry), whatever the host or a caller sent: a
/// 40,000-character MML line or user name is stored cut, with a note of its original length, so
/// that no row can grow the database without limit or break an export. The host bounds the
/// operation-log entries it records with it, and plugins bound what their own log tables keep.
public enum StoredText {
    /// The most characters one stored field keeps unless a smaller bound is given.
    public static let limit = 2000

    /// `text` cut to `limit` Unicode scalars (a count no single grapheme can inflate), ending with a
    /// note of the original length.
    public static func bounded(_ text: String, limit: Int = StoredText.limit) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        let note = "… (cut: \(scalars.count) characters in all)"
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(max(0, limit - note.unicodeScalars.count)))
        return String(kept) + note
    }
}
