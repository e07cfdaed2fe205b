import Foundation
import PluginAPI

/// A token of the data-management grammar, with its 1-based character position in the caller's text.
struct DataQueryToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name or a keyword, as written.
        case word(String)
        /// A quoted string, unquoted (`''` read as `'`).
        case string(String)
        /// A number, as written (`-12`, `3.5`).
        case number(String)
        /// `(`, `)`, `,`, `*`, `=`, `<>`, `!=`, `<`, `<=`, `>`, `>=`.
        case symbol(String)
        case end
    }

    let kind: Kind
    let position: Int

    /// How a refusal names it.
    var shown: String {
        switch kind {
        case .word(let word): "'\(word)'"
        case .string: "a string"
        case .number(let number): "the number \(number)"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the text"
        }
    }

    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = kind { return word.uppercased() == keyword }
        return false
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
}

/// Splits a caller's filter into tokens; anything outside the grammar's alphabet is refused where it
/// stands (`;`, `--`, quotes of identifiers, a string that never ends, control characters).
enum DataQueryTokenizer {
    static let maximumLength = 4096

    static func tokens(_ text: String) throws(DataQueryRefusal) -> [DataQueryToken] {
        let characters = Array(text.unicodeScalars)
        guard characters.count <= maximumLength else {
            throw DataQueryRefusal(position: maximumLength + 1, rule: "the text is longer than \(maximumLength) characters")
        }
        var tokens: [DataQueryToken] = []
        var index = 0
        func isNameStart(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_") }
        func isNamePart(_ scalar: Unicode.Scalar) -> Bool { isNameStart(scalar) || ("0"..."9").contains(scalar) }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        while index < characters.count {
            let scalar = characters[index]
            let position = index + 1
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                index += 1
            } else if isNameStart(scalar) {
                var end = index
                while end < characters.count, isNamePart(characters[end]) { end += 1 }
                tokens.append(DataQueryToken(kind: .word(String(String.UnicodeScalarView(characters[index..<end]))), position: position))
                index = end
            } else if isDigit(scalar) || (scalar == "-" && index + 1 < characters.count && isDigit(characters[index + 1])
                                          && !(tokens.last.map(endsOperand) ?? false)) {
                var end = index + 1
                while end < characters.count, isDigit(characters[end]) { end += 1 }
                if end + 1 < characters.count, characters[end] == ".", isDigit(characters[end + 1]) {
                    end += 1
                    while end < characters.count, isDigit(characters[end]) { end += 1 }
                }
                if end < characters.count, isNameStart(characters[end]) {
                    throw DataQueryRefusal(position: end + 1, rule: "a number must not run into a name")
                }
                guard end - index <= 30 else { throw DataQueryRefusal(position: position, rule: "a number has at most 30 characters") }
                tokens.append(DataQueryToken(kind: .number(String(String.UnicodeScalarView(characters[index..<end]))), position: position))
                index = end
            } else if scalar == "'" {
                var value = String.UnicodeScalarView()
                var end = index + 1
                var closed = false
                while end < characters.count {
                    if characters[end] == "'" {
                        if end + 1 < characters.count, characters[end + 1] == "'" {
                            value.append("'")
                            end += 2
                            continue
                        }
                        closed = true
                        end += 1
                        break
                    }
                    if characters[end].value < 0x20 || characters[end].value == 0x7F {
                        throw DataQueryRefusal(position: end + 1, rule: "a string must not contain control characters")
                    }
                    value.append(characters[end])
                    end += 1
                }
                guard closed else { throw DataQueryRefusal(position: position, rule: "the string that starts here is never closed with '") }
                tokens.append(DataQueryToken(kind: .string(String(value)), position: position))
                index = end
            } else {
                let pair = index + 1 < characters.count ? String(String.UnicodeScalarView([scalar, characters[index + 1]])) : ""
                if ["<>", "!=", "<=", ">="].contains(pair) {
                    tokens.append(DataQueryToken(kind: .symbol(pair), position: position))
                    index += 2
                } else if "(),*=<>".unicodeScalars.contains(scalar) {
                    tokens.append(DataQueryToken(kind: .symbol(String(scalar)), position: position))
                    index += 1
                } else {
                    let shown = scalar.value < 0x20 || scalar.value == 0x7F ? String(format: "U+%04X", scalar.value) : String(scalar)
                    throw DataQueryRefusal(position: position, rule: "'\(shown)' is not part of the filter grammar")
                }
            }
        }
        tokens.append(DataQueryToken(kind: .end, position: characters.count + 1))
        return tokens
    }

    /// Whether a `-` after this token is a minus sign between operands (refused later) rather than a sign.
    private static func endsOperand(_ token: DataQueryToken) -> Bool {
        switch token.kind {
        case .number, .string: true
        case .symbol(let symbol): symbol == ")"
        case .word(let word): !["AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "WHERE", "SELECT", "BY"].contains(word.uppercased())
        case .end: false
        }
    }
}

/// Why a filter is refused: where (1-based character position) and which rule.
struct DataQueryRefusal: Error, Sendable, Equatable {
    let position: Int
    let rule: LocalizedMessage
}
