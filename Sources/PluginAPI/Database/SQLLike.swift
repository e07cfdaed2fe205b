/// `LIKE` conditions on callers' filter text, which must match literally and without regard to case.
///
/// SQLite's `LIKE` ignores ASCII case and PostgreSQL's does not, so the case is folded explicitly with
/// `lower()` on both sides; `%`, `_` and `\` in the text are escaped and match themselves.
public enum SQLLike {
    /// `text` with `%`, `_` and `\` escaped by `\`, for a pattern used with `ESCAPE '\'`.
    public static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// The pattern of values containing `text`: `%text%`, escaped.
    public static func containing(_ text: String) -> String {
        "%" + escaped(text) + "%"
    }

    /// The pattern of values starting with `text`: `text%`, escaped.
    public static func startingWith(_ text: String) -> String {
        escaped(text) + "%"
    }

    /// `lower(column) LIKE lower(?) ESCAPE '\'`: the condition to bind a pattern built above to.
    /// `column` comes from code, never from a caller.
    public static func condition(_ column: String) -> String {
        "lower(\(column)) LIKE lower(?) ESCAPE '\\'"
    }
}
