import Foundation

/// The rules that keep plugins' SQL runnable on SQLite and PostgreSQL alike: each names an
/// SQLite-only construct and the portable form to write instead. String literals and comments are
/// removed before matching, so a value or a remark that mentions a construct is not one.
package enum PortableSQL {
    /// One rule: a pattern over the stripped SQL and the message naming the construct and its portable form.
    struct Rule: Sendable {
        let pattern: String
        let message: String
        /// Only the quoting rule looks at letter case.
        var caseSensitive = false
    }

    static let rules: [Rule] = [
        Rule(pattern: #"\bINSERT\s+OR\s+REPLACE\b|\bREPLACE\s+INTO\b"#,
             message: "INSERT OR REPLACE is SQLite-only: write INSERT … ON CONFLICT (…) DO UPDATE SET …"),
        Rule(pattern: #"\bINSERT\s+OR\s+IGNORE\b"#,
             message: "INSERT OR IGNORE is SQLite-only: write INSERT … ON CONFLICT DO NOTHING"),
        Rule(pattern: #"\b(INSERT|UPDATE)\s+OR\s+(ABORT|FAIL|ROLLBACK|REPLACE|IGNORE)\b"#,
             message: "the OR <conflict> clause is SQLite-only: write INSERT … ON CONFLICT (…) DO UPDATE or DO NOTHING"),
        Rule(pattern: #"\bWITHOUT\s+ROWID\b"#,
             message: "WITHOUT ROWID is SQLite-only: leave it out (the PRIMARY KEY is enough)"),
        Rule(pattern: #"\bSTRICT\s*(;|$)"#,
             message: "STRICT tables are SQLite-only: leave it out and use standard types"),
        Rule(pattern: #"\blast_insert_rowid\s*\("#,
             message: "last_insert_rowid() is SQLite-only: write INSERT … RETURNING <id column>"),
        Rule(pattern: #"\b(changes|total_changes)\s*\(\s*\)"#,
             message: "changes() is SQLite-only: read DatabaseConnection.changedRowCount, or use RETURNING"),
        Rule(pattern: #"\bRAISE\s*\("#,
             message: "RAISE() in triggers is SQLite-only: declare the rule to the host (PluginRegistrar.appendOnly for append-only tables) or check it in code"),
        Rule(pattern: #"\bCREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b"#,
             message: "trigger bodies differ between engines: declare the rule to the host (PluginRegistrar.appendOnly) or keep it in code"),
        Rule(pattern: #"\bAUTOINCREMENT\b"#,
             message: "AUTOINCREMENT is SQLite-only: assign the id in the INSERT (VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM t), …) RETURNING id)"),
        Rule(pattern: #"(?<!WITHOUT\s{1,20})\b(_rowid_|rowid|oid)\b"#,
             message: "the implicit rowid is SQLite-only: declare an id column and use it"),
        Rule(pattern: #"\bBLOB\b"#,
             message: "BLOB is not a PostgreSQL type: declare bytes as BYTEA (SQLite keeps bytes unchanged in it)"),
        Rule(pattern: #"\bsqlite_version\s*\("#,
             message: "sqlite_version() is SQLite-only: read HostInfo.databaseEngine"),
        Rule(pattern: #"\bsqlite_\w+"#,
             message: "sqlite_… tables and functions are SQLite-only: a plugin keeps to its own tables"),
        Rule(pattern: #"\bPRAGMA\b"#,
             message: "PRAGMA is SQLite-only: the host owns the connection's settings"),
        Rule(pattern: #"\b(ATTACH|DETACH)\b"#,
             message: "ATTACH and DETACH are SQLite-only: a plugin keeps to its own tables in the OMC database"),
        Rule(pattern: #"\b(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION|TO))?"#,
             message: "transaction control belongs to the host: each PluginDatabase.write is one transaction"),
        Rule(pattern: #"\bGLOB\b"#,
             message: "GLOB is SQLite-only: write LIKE (with lower() on both sides for a case-insensitive match)"),
        Rule(pattern: #"\bREGEXP\b"#, message: "REGEXP is SQLite-only: filter in code or with LIKE"),
        Rule(pattern: #"\bCOLLATE\s+(NOCASE|RTRIM|BINARY)\b"#,
             message: "COLLATE NOCASE is SQLite-only: compare lower(column) with lower(?)"),
        Rule(pattern: #"\bifnull\s*\("#, message: "ifnull() is SQLite-only: write COALESCE()"),
        Rule(pattern: #"\bgroup_concat\s*\("#, message: "group_concat() is SQLite-only: aggregate in code"),
        Rule(pattern: #"\b(instr|printf|hex|unhex|randomblob|zeroblob|typeof|iif|likely|unlikely|likelihood)\s*\("#,
             message: "this function is SQLite-only: compute it in code"),
        Rule(pattern: #"\b(datetime|date|time|julianday|strftime|unixepoch)\s*\("#,
             message: "SQLite's date functions are SQLite-only: store times as integer milliseconds and compute in code"),
        Rule(pattern: #"`|\[[A-Za-z_][A-Za-z0-9_ ]*\]"#,
             message: "`name` and [name] quoting are not standard: write names in lower-case snake_case, unquoted"),
        Rule(pattern: #""[^"]*[A-Z][^"]*""#,
             message: "a quoted mixed-case name is case-sensitive on PostgreSQL but not on SQLite: write names in lower-case snake_case, unquoted",
             caseSensitive: true),
        Rule(pattern: #"\bLIMIT\s+(\?|\d+)\s*,"#,
             message: "LIMIT m, n is SQLite-only: write LIMIT n OFFSET m"),
    ]

    private static let compiled: [(NSRegularExpression, String)] = rules.compactMap { rule in
        // The patterns are constants above; one that does not compile is a programming error the rule tests catch.
        (try? NSRegularExpression(pattern: rule.pattern, options: rule.caseSensitive ? [.anchorsMatchLines] : [.caseInsensitive, .anchorsMatchLines])).map { ($0, rule.message) }
    }

    /// Every SQLite-only construct in `sql`, as messages naming it and its portable form.
    package static func problems(in sql: String) -> [String] {
        let text = stripped(sql)
        let range = NSRange(text.startIndex..., in: text)
        return compiled.compactMap { expression, message in
            expression.firstMatch(in: text, range: range) == nil ? nil : message
        }
    }

    /// The table and the listed columns (lower-cased) of an `INSERT INTO t (a, b) …`, `nil` for
    /// anything else (an INSERT without a column list names every column, the id included).
    static func insertTarget(_ sql: String) -> (table: String, columns: Set<String>)? {
        let text = stripped(sql)
        guard let match = insertPattern?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let table = Range(match.range(at: 1), in: text), let columns = Range(match.range(at: 2), in: text) else { return nil }
        let names = text[columns].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        return (text[table].lowercased(), Set(names))
    }

    private static let insertPattern = try? NSRegularExpression(
        pattern: #"^\s*INSERT\s+INTO\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)"#, options: [.caseInsensitive])

    /// The message for an INSERT that leaves `table`'s `INTEGER PRIMARY KEY` column `column` to SQLite.
    static func implicitID(table: String, column: String) -> String {
        "INSERT INTO \(table) leaves its INTEGER PRIMARY KEY \(column) for SQLite to assign, which PostgreSQL does not: "
            + "assign it (VALUES ((SELECT COALESCE(MAX(\(column)), 0) + 1 FROM \(table)), …) RETURNING \(column))"
    }

    /// `sql` with string literals ('…', '' inside) replaced by `''` and comments (`-- …`, `/* … */`) by a space.
    static func stripped(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count)
        var characters = sql.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let character = pending { pending = nil; return character }
            return characters.next()
        }
        while let character = next() {
            switch character {
            case "'":
                while let inner = next() {
                    if inner == "'" {
                        guard let after = next() else { break }
                        if after != "'" { pending = after; break }
                    }
                }
                result += "''"
            case "-":
                guard let after = next() else { result.append(character); break }
                if after == "-" {
                    while let inner = next(), inner != "\n" {}
                    result += " \n"
                } else {
                    result.append(character)
                    pending = after
                }
            case "/":
                guard let after = next() else { result.append(character); break }
                if after == "*" {
                    var previous: Character = " "
                    while let inner = next() {
                        if previous == "*" && inner == "/" { break }
                        previous = inner
                    }
                    result += " "
                } else {
                    result.append(character)
                    pending = after
                }
            default:
                result.append(character)
            }
        }
        return result
    }
}
