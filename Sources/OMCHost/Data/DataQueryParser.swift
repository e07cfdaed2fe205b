import PluginAPI

/// The data-management grammar: a caller's `WHERE` condition, or a `SELECT` over one exposed table,
/// parsed into parameterised SQL over the table's declared columns. The SQL is written here, from
/// the declaration's column names, keywords and `?` placeholders only; every value the caller wrote
/// is an argument.
///
///     statement  := SELECT ( '*' | column (',' column)* ) FROM table [WHERE condition]
///                   [ORDER BY column [ASC|DESC] (',' column [ASC|DESC])*]
///     condition  := and (OR and)*
///     and        := not (AND not)*
///     not        := NOT not | '(' condition ')' | predicate
///     predicate  := column ('=' | '<>' | '!=' | '<' | '<=' | '>' | '>=') literal
///                 | column [NOT] IN '(' literal (',' literal)* ')'
///                 | column [NOT] LIKE string
///                 | column [NOT] BETWEEN literal AND literal
///                 | column IS [NOT] NULL
///     literal    := string | number
///
/// Secret columns are refused wherever they appear. Bounds: 4,096 characters, 100 predicates, 1,000
/// values in an `IN`, nesting 32 deep.
struct DataQueryParser {
    static let maximumPredicates = 100
    static let maximumInValues = 1000
    static let maximumDepth = 32

    /// A parsed `SELECT`.
    struct Statement: Sendable, Equatable {
        var columns: [DataColumn]
        var filter: DataFilter?
        /// `ORDER BY` items, SQL column and direction.
        var order: [(column: String, descending: Bool)]

        static func == (lhs: Statement, rhs: Statement) -> Bool {
            lhs.columns == rhs.columns && lhs.filter == rhs.filter && lhs.order.map { "\($0.column) \($0.descending)" } == rhs.order.map { "\($0.column) \($0.descending)" }
        }
    }

    let table: String
    let columns: [String: DataColumn]
    private var tokens: [DataQueryToken] = []
    private var index = 0
    private var sql = ""
    private var arguments: [SQLValue] = []
    private var predicates = 0
    private var depth = 0

    init(table: String, columns: [DataColumn]) {
        self.table = table
        self.columns = Dictionary(columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A condition alone (the document's `WHERE=`).
    func condition(_ text: String) throws(DataQueryRefusal) -> DataFilter {
        var parser = self
        parser.tokens = try DataQueryTokenizer.tokens(text)
        if parser.current.kind == .end { throw DataQueryRefusal(position: 1, rule: "a condition is required") }
        try parser.parseCondition()
        try parser.expectEnd()
        return DataFilter(sql: parser.sql, arguments: parser.arguments)
    }

    /// A whole `SELECT` (the document's `SQL=`).
    func statement(_ text: String) throws(DataQueryRefusal) -> Statement {
        var parser = self
        parser.tokens = try DataQueryTokenizer.tokens(text)
        try parser.keyword("SELECT")
        var selected: [DataColumn] = []
        if parser.current.isSymbol("*") {
            parser.index += 1
            selected = parser.columns.values.filter { $0.access != .secret }.sorted { $0.name < $1.name }
        } else {
            repeat {
                let column = try parser.column()
                if !selected.contains(column) { selected.append(column) }
            } while parser.skip(symbol: ",")
        }
        try parser.keyword("FROM")
        let named = parser.current
        guard case .word(let word) = named.kind, word.lowercased() == table else {
            throw DataQueryRefusal(position: named.position, rule: "expected the table \(table), found \(named.shown)")
        }
        parser.index += 1
        var filter: DataFilter?
        if parser.current.isKeyword("WHERE") {
            parser.index += 1
            try parser.parseCondition()
            filter = DataFilter(sql: parser.sql, arguments: parser.arguments)
        }
        var order: [(column: String, descending: Bool)] = []
        if parser.current.isKeyword("ORDER") {
            parser.index += 1
            try parser.keyword("BY")
            repeat {
                let column = try parser.column()
                var descending = false
                if parser.current.isKeyword("DESC") { descending = true; parser.index += 1 } else if parser.current.isKeyword("ASC") { parser.index += 1 }
                order.append((column.column, descending))
            } while parser.skip(symbol: ",")
        }
        try parser.expectEnd()
        return Statement(columns: selected, filter: filter, order: order)
    }

    // MARK: Grammar

    private var current: DataQueryToken { tokens[min(index, tokens.count - 1)] }

    private mutating func skip(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func keyword(_ word: String) throws(DataQueryRefusal) {
        guard current.isKeyword(word) else { throw DataQueryRefusal(position: current.position, rule: "expected \(word), found \(current.shown)") }
        index += 1
    }

    private func expectEnd() throws(DataQueryRefusal) {
        guard current.kind == .end else {
            throw DataQueryRefusal(position: current.position, rule: "expected AND, OR or the end of the text, found \(current.shown)")
        }
    }

    private mutating func parseCondition() throws(DataQueryRefusal) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw DataQueryRefusal(position: current.position, rule: "conditions nest at most \(Self.maximumDepth) deep")
        }
        try parseAnd()
        while current.isKeyword("OR") {
            index += 1
            sql += " OR "
            try parseAnd()
        }
    }

    private mutating func parseAnd() throws(DataQueryRefusal) {
        try parseNot()
        while current.isKeyword("AND") {
            index += 1
            sql += " AND "
            try parseNot()
        }
    }

    private mutating func parseNot() throws(DataQueryRefusal) {
        if current.isKeyword("NOT") {
            index += 1
            sql += "NOT "
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw DataQueryRefusal(position: current.position, rule: "conditions nest at most \(Self.maximumDepth) deep")
            }
            try parseNot()
        } else if current.isSymbol("(") {
            index += 1
            sql += "("
            try parseCondition()
            guard skip(symbol: ")") else { throw DataQueryRefusal(position: current.position, rule: "expected ')', found \(current.shown)") }
            sql += ")"
        } else {
            try parsePredicate()
        }
    }

    private mutating func parsePredicate() throws(DataQueryRefusal) {
        predicates += 1
        guard predicates <= Self.maximumPredicates else {
            throw DataQueryRefusal(position: current.position, rule: "a condition has at most \(Self.maximumPredicates) comparisons")
        }
        let column = try column()
        let name = column.column
        let operatorToken = current
        if case .symbol(let symbol) = operatorToken.kind, ["=", "<>", "!=", "<", "<=", ">", ">="].contains(symbol) {
            index += 1
            let value = try literal(for: column)
            sql += "(\(name) \(symbol == "!=" ? "<>" : symbol) ?)"
            arguments.append(value)
            return
        }
        var negated = false
        if current.isKeyword("NOT") {
            negated = true
            index += 1
        }
        if current.isKeyword("IN") {
            index += 1
            guard skip(symbol: "(") else { throw DataQueryRefusal(position: current.position, rule: "expected '(' after IN, found \(current.shown)") }
            var values: [SQLValue] = []
            repeat {
                guard values.count < Self.maximumInValues else {
                    throw DataQueryRefusal(position: current.position, rule: "IN takes at most \(Self.maximumInValues) values")
                }
                values.append(try literal(for: column))
            } while skip(symbol: ",")
            guard skip(symbol: ")") else { throw DataQueryRefusal(position: current.position, rule: "expected ',' or ')', found \(current.shown)") }
            sql += "(\(name) \(negated ? "NOT IN" : "IN") (\(Array(repeating: "?", count: values.count).joined(separator: ", "))))"
            arguments += values
        } else if current.isKeyword("LIKE") {
            index += 1
            let pattern = current
            guard case .string(let text) = pattern.kind else {
                throw DataQueryRefusal(position: pattern.position, rule: "LIKE takes a string such as '%UDM%', not \(pattern.shown)")
            }
            index += 1
            sql += "(lower(\(name)) \(negated ? "NOT LIKE" : "LIKE") lower(?))"
            arguments.append(.text(text))
        } else if current.isKeyword("BETWEEN") {
            index += 1
            let low = try literal(for: column)
            try keyword("AND")
            let high = try literal(for: column)
            sql += "(\(name) \(negated ? "NOT BETWEEN" : "BETWEEN") ? AND ?)"
            arguments += [low, high]
        } else if !negated, current.isKeyword("IS") {
            index += 1
            var not = false
            if current.isKeyword("NOT") {
                not = true
                index += 1
            }
            try keyword("NULL")
            sql += "(\(name) \(not ? "IS NOT NULL" : "IS NULL"))"
        } else {
            throw DataQueryRefusal(position: current.position,
                                   rule: "expected a comparison (=, <>, <, <=, >, >=, IN, LIKE, BETWEEN, IS NULL) after \(column.name), found \(current.shown)")
        }
    }

    /// A declared, readable column.
    private mutating func column() throws(DataQueryRefusal) -> DataColumn {
        let token = current
        guard case .word(let word) = token.kind else {
            throw DataQueryRefusal(position: token.position, rule: "expected a column of \(table), found \(token.shown)")
        }
        guard let column = columns[word.lowercased()] else {
            let known = columns.values.filter { $0.access != .secret }.map(\.name).sorted().joined(separator: ", ")
            throw DataQueryRefusal(position: token.position, rule: "'\(word)' is not a column of \(table); the columns are \(known)")
        }
        guard column.access != .secret else {
            throw DataQueryRefusal(position: token.position, rule: "'\(word)' is secret: it cannot be read or filtered on")
        }
        index += 1
        return column
    }

    /// A literal of the column's kind.
    private mutating func literal(for column: DataColumn) throws(DataQueryRefusal) -> SQLValue {
        let token = current
        let value: SQLValue?
        switch (token.kind, column.kind) {
        case (.string(let text), .text): value = .text(text)
        case (.number(let text), .text): value = .text(text)
        case (.number(let text), .integer), (.string(let text), .integer): value = Int64(text).map(SQLValue.integer)
        case (.number(let text), .real), (.string(let text), .real): value = Double(text).flatMap { $0.isFinite ? SQLValue.real($0) : nil }
        default: value = nil
        }
        guard let value else {
            let wanted: LocalizedMessage = switch column.kind {
            case .text: "a string such as 'UDM'"
            case .integer: "an integer"
            case .real: "a number"
            }
            throw DataQueryRefusal(position: token.position, rule: "\(column.name) is compared with \(wanted), not \(token.shown)")
        }
        index += 1
        return value
    }
}
