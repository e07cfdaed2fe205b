/// `LIKE` patterns built from callers' filter text, which must match literally.
enum SQLPattern {
    /// `%text%` with `%`, `_` and `\` escaped; use with `ESCAPE '\'`.
    static func contains(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
