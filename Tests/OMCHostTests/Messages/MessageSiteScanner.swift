import Foundation

/// Finds every message id the sources can produce, so that a test can demand a translation of each.
///
/// A message id is the English template of a ``LocalizedMessage`` string literal (interpolations
/// become `{0}`, `{1}`…, literals joined by `+` form one id). The scanner tokenizes Swift itself
/// (strings with nested interpolations, raw and multi-line strings, comments), so calls spread over
/// lines are read like the compiler reads them. A literal is a message when it is written
/// - as an argument of a function or initializer whose parameter at that place is typed
///   `LocalizedMessage` (found in the sources scanned: `OMCError(_:_:)`, `OMCError.invalid(_:_:)`, a
///   plugin's own helpers), or of a declared text (``declaredTexts``: MML help, menu titles);
/// - as a result of a function or computed property returning `LocalizedMessage`, outside any
///   parentheses of its body.
/// Literals elsewhere (log lines, SQL, JSON keys, values passed into a message) are not messages.
struct MessageSiteScanner {
    /// Where a literal is a message.
    struct Parameter: Hashable {
        /// The function or type name called.
        let callee: String
        /// The argument label; `nil` for an unlabelled argument, matched by ``position``.
        let label: String?
        /// The argument's position among the call's arguments.
        let position: Int
        /// Whether the call counts only when its first argument is an upper-case name literal: MML
        /// parameters (`.integer("PAGE", …, help:)`) share factory names with configuration fields
        /// (`.integer("pollSeconds", …, help:)`), whose help an operator reads in `plugins.yaml`
        /// diagnostics, not a caller.
        var upperCaseName = false
    }

    /// One message found.
    struct Site: Hashable {
        let id: String
        let file: String
        let line: Int
    }

    /// Texts declared as `String` whose English text is their id (menu titles), and MML parameter
    /// help restricted to upper-case parameter names.
    static let declaredTexts: [Parameter] = ["integer", "text"].map { Parameter(callee: $0, label: "help", position: -1, upperCaseName: true) }
        + ["page", "directory", "MenuEntry"].map { Parameter(callee: $0, label: "title", position: -1) }

    /// The messages of `files` (path, text). Declarations are collected from all files first, so a
    /// helper declared in one file is known where it is called in another.
    static func scan(_ files: [(path: String, text: String)], extraParameters: [Parameter] = declaredTexts) -> [Site] {
        let tokenized = files.map { file in
            var tokenizer = Tokenizer(text: file.text)
            return (path: file.path, tokens: tokenizer.tokens())
        }
        var parameters = Set(extraParameters)
        var returning: [(path: String, range: Range<Int>)] = []
        var sites: [Site] = []
        let restricted = Set(extraParameters.filter(\.upperCaseName).map { "\($0.callee) \($0.label ?? "")" })
        for file in tokenized {
            let declarations = Declarations(tokens: file.tokens)
            parameters.formUnion(declarations.messageParameters.filter { !restricted.contains("\($0.callee) \($0.label ?? "")") })
            returning += declarations.messageBodies.map { (file.path, $0) }
            sites += declarations.initialValues.flatMap { range in messages(in: Array(file.tokens[range]), path: file.path, inBody: false) }
        }
        for file in tokenized {
            sites += CallSites(tokens: file.tokens, parameters: parameters, path: file.path).sites
        }
        for body in returning {
            guard let tokens = tokenized.first(where: { $0.path == body.path })?.tokens else { continue }
            sites += messages(in: Array(tokens[body.range]), path: body.path, inBody: true)
        }
        return sites.filter { $0.id.contains { $0.isLetter } }
    }

    /// The messages of an argument (`inBody` false: literals outside parentheses and brackets) or
    /// of a body returning a message (`inBody` true: literals outside parentheses and brackets that
    /// are results: after `return`, `?`, `:` (a ternary or a `case` label) or `{`). Literals joined by `+`
    /// form one id.
    static func messages(in tokens: [Token], path: String, inBody: Bool) -> [Site] {
        var sites: [Site] = []
        var depth = 0
        var chain: (template: String, arguments: Int, line: Int)?
        var joinable = false
        var previous: Token?
        func close() {
            if let chain { sites.append(Site(id: chain.template, file: path, line: chain.line)) }
            chain = nil
            joinable = false
        }
        for token in tokens {
            defer { previous = token }
            switch token.kind {
            case .open(let bracket):
                if !(inBody && bracket == "{") { depth += 1 }
                close()
            case .close(let bracket):
                if !(inBody && bracket == "}") { depth -= 1 }
                close()
            case .string(let pieces) where depth == 0:
                if joinable, let current = chain {
                    let (text, count) = template(pieces, startingAt: current.arguments)
                    chain = (current.template + text, current.arguments + count, current.line)
                } else {
                    close()
                    let isResult = !inBody || previous.map { previous in
                        previous.identifier == "return" || previous.isPunctuation("?") || previous.isPunctuation(":") || previous.isOpen("{")
                    } ?? true
                    if isResult {
                        let (text, count) = template(pieces, startingAt: 0)
                        chain = (text, count, token.line)
                    }
                }
                joinable = false
            case .punctuation("+") where chain != nil:
                joinable = true
            default:
                if depth == 0 { close() }
            }
        }
        close()
        return sites
    }

    /// The template of a literal: its text with `{n}` for each interpolation.
    static func template(_ pieces: [Token.Piece], startingAt first: Int) -> (String, Int) {
        var text = ""
        var count = 0
        for piece in pieces {
            switch piece {
            case .text(let literal): text += literal
            case .interpolation:
                text += "{\(first + count)}"
                count += 1
            }
        }
        return (text, count)
    }
}

extension MessageSiteScanner {
    /// A lexical token of Swift, as far as finding messages needs.
    struct Token {
        enum Piece {
            case text(String)
            case interpolation([Token])
        }

        enum Kind {
            case identifier(String)
            /// `(`, `[` or `{`.
            case open(Character)
            /// `)`, `]` or `}`.
            case close(Character)
            case punctuation(String)
            case string([Piece])
        }

        let kind: Kind
        let line: Int

        var identifier: String? {
            if case .identifier(let name) = kind { return name }
            return nil
        }

        func isPunctuation(_ text: String) -> Bool {
            if case .punctuation(let value) = kind { return value == text }
            return false
        }

        func isOpen(_ character: Character) -> Bool {
            if case .open(let value) = kind { return value == character }
            return false
        }
    }

    /// Swift source into ``Token``s: comments skipped, strings parsed with their interpolations.
    struct Tokenizer {
        let characters: [Character]
        var index = 0
        var line = 1

        init(text: String) {
            characters = Array(text)
        }

        mutating func tokens() -> [Token] {
            var result: [Token] = []
            while let token = next(untilClose: false) { result.append(token) }
            return result
        }

        private func peek(_ offset: Int = 0) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        private mutating func advance() -> Character {
            let character = characters[index]
            index += 1
            if character == "\n" { line += 1 }
            return character
        }

        /// The next token; inside an interpolation (`untilClose`), `nil` at its closing parenthesis.
        mutating func next(untilClose: Bool, depth: inout Int) -> Token? {
            while let character = peek() {
                if character.isWhitespace { _ = advance(); continue }
                if character == "/", peek(1) == "/" {
                    while let next = peek(), next != "\n" { _ = advance() }
                    continue
                }
                if character == "/", peek(1) == "*" {
                    var nesting = 0
                    repeat {
                        if peek() == "/", peek(1) == "*" { nesting += 1; _ = advance() } else if peek() == "*", peek(1) == "/" { nesting -= 1; _ = advance() }
                        _ = advance()
                    } while nesting > 0 && peek() != nil
                    continue
                }
                let startLine = line
                if character == "#" || character == "\"" {
                    var hashes = 0
                    while peek(hashes) == "#" { hashes += 1 }
                    if peek(hashes) == "\"" {
                        for _ in 0..<hashes { _ = advance() }
                        return Token(kind: .string(string(hashes: hashes)), line: startLine)
                    }
                }
                if character.isLetter || character == "_" || character == "$" {
                    var name = ""
                    while let next = peek(), next.isLetter || next.isNumber || next == "_" || next == "$" { name.append(advance()) }
                    return Token(kind: .identifier(name), line: startLine)
                }
                if character.isNumber {
                    var number = ""
                    while let next = peek(), next.isLetter || next.isNumber || next == "_" || next == "." && peek(1)?.isNumber == true {
                        number.append(advance())
                    }
                    return Token(kind: .punctuation(number), line: startLine)
                }
                _ = advance()
                switch character {
                case "(", "[", "{":
                    depth += 1
                    return Token(kind: .open(character), line: startLine)
                case ")", "]", "}":
                    if untilClose, depth == 0, character == ")" { return nil }
                    depth -= 1
                    return Token(kind: .close(character), line: startLine)
                case "-" where peek() == ">":
                    _ = advance()
                    return Token(kind: .punctuation("->"), line: startLine)
                default:
                    return Token(kind: .punctuation(String(character)), line: startLine)
                }
            }
            return nil
        }

        mutating func next(untilClose: Bool) -> Token? {
            var depth = 0
            return next(untilClose: untilClose, depth: &depth)
        }

        /// A string literal after its leading `#`s, from its opening quote.
        private mutating func string(hashes: Int) -> [Token.Piece] {
            let multiLine = peek() == "\"" && peek(1) == "\"" && peek(2) == "\""
            for _ in 0..<(multiLine ? 3 : 1) { _ = advance() }
            var pieces: [Token.Piece] = []
            var text = ""
            let delimiter = String(repeating: "\"", count: multiLine ? 3 : 1) + String(repeating: "#", count: hashes)
            while peek() != nil {
                if matches(delimiter) {
                    for _ in 0..<delimiter.count { _ = advance() }
                    break
                }
                if peek() == "\\", (0..<hashes).allSatisfy({ peek($0 + 1) == "#" }) {
                    let escape = peek(hashes + 1)
                    for _ in 0...hashes { _ = advance() }
                    switch escape {
                    case "(":
                        _ = advance()
                        if !text.isEmpty { pieces.append(.text(text)) }
                        text = ""
                        var inner: [Token] = []
                        var depth = 0
                        while let token = next(untilClose: true, depth: &depth) { inner.append(token) }
                        pieces.append(.interpolation(inner))
                    case "n": _ = advance(); text.append("\n")
                    case "t": _ = advance(); text.append("\t")
                    case "r": _ = advance(); text.append("\r")
                    case "0": _ = advance(); text.append("\0")
                    case "u":
                        _ = advance()
                        var hex = ""
                        if peek() == "{" {
                            _ = advance()
                            while let next = peek(), next != "}" { hex.append(advance()) }
                            _ = advance()
                        }
                        if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
                    case "\n":
                        // A line ending escaped in a multi-line literal joins the lines.
                        _ = advance()
                        while let next = peek(), next == " " || next == "\t" { _ = advance() }
                    default:
                        if escape != nil { text.append(advance()) }
                    }
                    continue
                }
                text.append(advance())
            }
            if !text.isEmpty { pieces.append(.text(text)) }
            return multiLine ? Self.strippingIndentation(pieces) : pieces
        }

        private func matches(_ delimiter: String) -> Bool {
            delimiter.enumerated().allSatisfy { offset, character in peek(offset) == character }
        }

        /// A multi-line literal's text without its first line break, its last line (the closing
        /// delimiter's indentation) and that indentation on every line.
        static func strippingIndentation(_ pieces: [Token.Piece]) -> [Token.Piece] {
            guard case .text(let last)? = pieces.last, let lastBreak = last.lastIndex(of: "\n") else { return pieces }
            let indentation = last[last.index(after: lastBreak)...]
            var result = pieces
            result[result.count - 1] = .text(String(last[..<lastBreak]))
            return result.enumerated().map { offset, piece in
                guard case .text(var text) = piece else { return piece }
                if offset == 0, text.hasPrefix("\n") { text.removeFirst() }
                let lines = text.components(separatedBy: "\n").enumerated().map { number, line in
                    (number > 0 || offset == 0) && line.hasPrefix(indentation) ? String(line.dropFirst(indentation.count)) : line
                }
                return .text(lines.joined(separator: "\n"))
            }
        }
    }
}

extension MessageSiteScanner {
    /// The `LocalizedMessage` parameters and bodies a file declares.
    struct Declarations {
        var messageParameters: [Parameter] = []
        /// Token ranges of bodies of functions and computed properties returning `LocalizedMessage`.
        var messageBodies: [Range<Int>] = []
        /// Token ranges of initial values of constants and variables typed `LocalizedMessage`.
        var initialValues: [Range<Int>] = []

        init(tokens: [Token]) {
            var types: [(name: String, depth: Int)] = []
            var pendingType: String?
            var depth = 0
            var index = 0
            while index < tokens.count {
                let token = tokens[index]
                switch token.kind {
                case .open("{"):
                    depth += 1
                    if let name = pendingType { types.append((name, depth)) }
                    pendingType = nil
                case .close("}"):
                    if types.last?.depth == depth { types.removeLast() }
                    depth -= 1
                case .identifier(let word) where ["struct", "enum", "class", "actor", "extension", "protocol"].contains(word):
                    if let name = tokens[safe: index + 1]?.identifier { pendingType = name }
                case .identifier("func"), .identifier("init"):
                    let isInit = token.identifier == "init"
                    guard let callee = isInit ? types.last?.name : tokens[safe: index + 1]?.identifier,
                          let open = tokens[index...].firstIndex(where: { $0.isOpen("(") }),
                          let close = Self.matching(tokens, open) else { break }
                    for (position, parameter) in Self.split(Array(tokens[(open + 1)..<close])).enumerated() {
                        guard let colon = parameter.firstIndex(where: { $0.isPunctuation(":") }),
                              Self.names(Array(parameter[colon...]).dropFirst()).contains("LocalizedMessage") else { continue }
                        let label = parameter.first?.identifier
                        messageParameters.append(Parameter(callee: callee, label: label == "_" ? nil : label, position: position))
                    }
                    if let body = Self.body(tokens, after: close, typeMarker: "->") { messageBodies.append(body) }
                    index = close
                case .identifier("let"), .identifier("var"):
                    guard let name = tokens[safe: index + 1]?.identifier, tokens[safe: index + 2]?.isPunctuation(":") == true,
                          tokens[safe: index + 3]?.identifier == "LocalizedMessage" else { break }
                    var next = index + 4
                    if tokens[safe: next]?.isPunctuation("?") == true { next += 1 }
                    if tokens[safe: next]?.isPunctuation("=") == true {
                        // `let refusal: LocalizedMessage = "…"`: the initial value is a message.
                        initialValues.append(Self.expression(tokens, from: next + 1))
                    } else if tokens[safe: next]?.isOpen("{") == true, let close = Self.matching(tokens, next) {
                        messageBodies.append((next + 1)..<close)
                        index = close
                    } else if token.identifier == "let", let type = types.last?.name, types.last?.depth == depth {
                        // A stored property of a message type is a label of the memberwise initializer.
                        messageParameters.append(Parameter(callee: type, label: name, position: -1))
                    }
                default:
                    break
                }
                index += 1
            }
        }

        /// The body after a declaration's signature when its type (after `typeMarker`) is
        /// `LocalizedMessage` or `LocalizedMessage?`.
        static func body(_ tokens: [Token], after start: Int, typeMarker: String) -> Range<Int>? {
            var index = start
            if typeMarker == "->" {
                while index < tokens.count, !tokens[index].isPunctuation("->") {
                    if tokens[index].isOpen("{") || tokens[index].isPunctuation("=") { return nil }
                    if let word = tokens[index].identifier, declarationKeywords.contains(word) { return nil }
                    index += 1
                }
            }
            guard tokens[safe: index + 1]?.identifier == "LocalizedMessage" else { return nil }
            index += 2
            if tokens[safe: index]?.isPunctuation("?") == true { index += 1 }
            while index < tokens.count, !tokens[index].isOpen("{") {
                if tokens[index].isPunctuation("=") || tokens[index].isPunctuation(",") { return nil }
                if let word = tokens[index].identifier, declarationKeywords.contains(word) { return nil }
                if case .close = tokens[index].kind { return nil }
                index += 1
            }
            guard index < tokens.count, let close = matching(tokens, index) else { return nil }
            return (index + 1)..<close
        }

        /// The expression starting at `start`: the rest of its line, and further lines while they
        /// continue it (`+ "…"`, `? "…" : "…"`) or sit inside its brackets.
        static func expression(_ tokens: [Token], from start: Int) -> Range<Int> {
            guard start < tokens.count else { return start..<start }
            var depth = 0
            var end = start
            var line = tokens[start].line
            while end < tokens.count {
                let token = tokens[end]
                let continuations = ["+", "?", ":"]
                let continues = token.line == line || depth > 0 || continuations.contains { token.isPunctuation($0) || tokens[end - 1].isPunctuation($0) }
                guard continues else { break }
                switch token.kind {
                case .open: depth += 1
                case .close:
                    if depth == 0 { return start..<end }
                    depth -= 1
                default: break
                }
                line = token.line
                end += 1
            }
            return start..<end
        }

        /// Words that start the next declaration: a signature without a body ends before them.
        static let declarationKeywords: Set<String> = ["func", "var", "let", "init", "case", "struct", "enum", "class", "extension", "subscript"]

        static func names(_ tokens: ArraySlice<Token>) -> [String] {
            tokens.prefix { !$0.isPunctuation("=") }.compactMap(\.identifier)
        }

        /// The index of the bracket closing the one at `open`.
        static func matching(_ tokens: [Token], _ open: Int) -> Int? {
            var depth = 0
            for index in open..<tokens.count {
                switch tokens[index].kind {
                case .open: depth += 1
                case .close:
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
            }
            return nil
        }

        /// A list's items, split at commas outside brackets.
        static func split(_ tokens: [Token]) -> [[Token]] {
            var items: [[Token]] = [[]]
            var depth = 0
            for token in tokens {
                switch token.kind {
                case .open: depth += 1
                case .close: depth -= 1
                case .punctuation(",") where depth == 0:
                    items.append([])
                    continue
                default: break
                }
                items[items.count - 1].append(token)
            }
            return items.filter { !$0.isEmpty }
        }
    }

    /// The messages written as arguments of message-taking calls.
    struct CallSites {
        var sites: [Site] = []

        init(tokens: [Token], parameters: Set<Parameter>, path: String) {
            let byCallee = Dictionary(grouping: parameters, by: \.callee)
            for index in tokens.indices {
                // `"row \(n): \(problem)" as LocalizedMessage`, in a closure that builds messages.
                if case .string(let pieces) = tokens[index].kind, tokens[safe: index + 1]?.identifier == "as",
                   tokens[safe: index + 2]?.identifier == "LocalizedMessage" {
                    sites.append(Site(id: MessageSiteScanner.template(pieces, startingAt: 0).0, file: path, line: tokens[index].line))
                }
                guard let callee = tokens[index].identifier, let wanted = byCallee[callee],
                      tokens[safe: index + 1]?.isOpen("(") == true,
                      tokens[safe: index - 1]?.identifier != "func",
                      let close = Declarations.matching(tokens, index + 1) else { continue }
                let arguments = Declarations.split(Array(tokens[(index + 2)..<close]))
                let namedInUpperCase = arguments.first.map(Self.isUpperCaseName) ?? false
                for (position, argument) in arguments.enumerated() {
                    let label = argument.count > 1 && argument[1].isPunctuation(":") ? argument[0].identifier : nil
                    let isMessage = wanted.contains { parameter in
                        (!parameter.upperCaseName || namedInUpperCase)
                            && (parameter.label.map { $0 == label } ?? (label == nil && parameter.position == position))
                    }
                    guard isMessage else { continue }
                    let expression = label == nil ? argument[...] : argument.dropFirst(2)
                    sites += MessageSiteScanner.messages(in: Array(expression), path: path, inBody: false)
                }
            }
        }

        /// Whether `argument` is one literal of upper-case letters, digits and `_` (`"IMSI"`).
        static func isUpperCaseName(_ argument: [Token]) -> Bool {
            guard argument.count == 1, case .string(let pieces) = argument[0].kind, pieces.count == 1,
                  case .text(let text) = pieces[0] else { return false }
            return text.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
