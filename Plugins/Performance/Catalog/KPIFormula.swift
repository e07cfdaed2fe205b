/// A derived KPI's formula, parsed: numbers, KPI ids, `+ - * /`, unary minus and parentheses,
/// with the usual precedence. A KPI id is a letter or `_` followed by letters, digits, `_` and `.`.
indirect enum KPIFormula: Sendable, Hashable {
    case number(Double)
    case kpi(String)
    case negate(KPIFormula)
    case binary(Character, KPIFormula, KPIFormula)

    /// Parses `text`; `nil` when it is not a formula of that grammar.
    static func parse(_ text: String) -> KPIFormula? {
        var parser = Parser(Array(text))
        guard let formula = parser.expression(), parser.atEnd else { return nil }
        return formula
    }

    /// The KPI ids it reads, each once, in order of appearance.
    var inputs: [String] {
        var found: [String] = []
        func walk(_ node: KPIFormula) {
            switch node {
            case .number: break
            case .kpi(let id): if !found.contains(id) { found.append(id) }
            case .negate(let inner): walk(inner)
            case .binary(_, let left, let right): walk(left); walk(right)
            }
        }
        walk(self)
        return found
    }

    /// The value for `values` (by KPI id); `nil` when an input is missing or a division by zero
    /// leaves the period without a meaningful value.
    func evaluate(_ values: [String: Double]) -> Double? {
        switch self {
        case .number(let value): return value
        case .kpi(let id): return values[id]
        case .negate(let inner): return inner.evaluate(values).map { -$0 }
        case .binary(let operation, let left, let right):
            guard let a = left.evaluate(values), let b = right.evaluate(values) else { return nil }
            switch operation {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            default: return b == 0 ? nil : a / b
            }
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool {
            mutating get {
                skipSpaces()
                return index == characters.count
            }
        }

        mutating func skipSpaces() {
            while index < characters.count, characters[index] == " " { index += 1 }
        }

        mutating func peek() -> Character? {
            skipSpaces()
            return index < characters.count ? characters[index] : nil
        }

        mutating func expression() -> KPIFormula? {
            guard var left = term() else { return nil }
            while let next = peek(), next == "+" || next == "-" {
                index += 1
                guard let right = term() else { return nil }
                left = .binary(next, left, right)
            }
            return left
        }

        mutating func term() -> KPIFormula? {
            guard var left = factor() else { return nil }
            while let next = peek(), next == "*" || next == "/" {
                index += 1
                guard let right = factor() else { return nil }
                left = .binary(next, left, right)
            }
            return left
        }

        mutating func factor() -> KPIFormula? {
            guard let next = peek() else { return nil }
            if next == "-" {
                index += 1
                return factor().map { .negate($0) }
            }
            if next == "(" {
                index += 1
                guard let inner = expression(), peek() == ")" else { return nil }
                index += 1
                return inner
            }
            if next.isNumber {
                let start = index
                while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
                return Double(String(characters[start..<index])).map { .number($0) }
            }
            if next.isLetter || next == "_" {
                let start = index
                while index < characters.count,
                      characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "." {
                    index += 1
                }
                return .kpi(String(characters[start..<index]))
            }
            return nil
        }
    }
}
