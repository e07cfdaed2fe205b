import PluginAPI

/// The rules of the UE policy fields, with the words a refusal uses.
enum PolicyFieldRule: Sendable {
    /// Decimal digits, of a length in the range.
    case digits(ClosedRange<Int>)
    /// An integer in the range; empty means the default.
    case integer(ClosedRange<Int>)
    /// Empty, or a name: 1 to 64 of letters, digits, `_`, `-`, `.`.
    case name
    /// Empty, or up to 32 distinct names joined by `|`.
    case names

    static let maximumNames = 32

    static func rule(for field: String) -> PolicyFieldRule {
        switch field {
        case "imsi": .digits(15...15)
        case "msisdn": .digits(5...15)
        case "rfsp": .integer(0...256)
        case "pccRules", "sessRules": .names
        default: .name
        }
    }

    /// What is wrong with `value`, `nil` when it obeys the rule.
    func violation(of value: String) -> LocalizedMessage? {
        switch self {
        case .digits(let lengths):
            let ok = lengths.contains(value.utf8.count) && value.utf8.allSatisfy { (0x30...0x39).contains($0) }
            return ok ? nil : lengths.count == 1 ? "must be \(lengths.lowerBound) decimal digits" : "must be \(lengths.lowerBound) to \(lengths.upperBound) decimal digits"
        case .integer(let range):
            guard !value.isEmpty else { return nil }
            guard value.utf8.count <= 6, let number = Int(value), range.contains(number) else {
                return "must be an integer from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        case .name:
            return value.isEmpty || Self.isName(value[...]) ? nil : "must be empty or 1 to 64 letters, digits, '_', '-' or '.'"
        case .names:
            guard !value.isEmpty else { return nil }
            let names = value.split(separator: "|", omittingEmptySubsequences: false)
            if let bad = names.first(where: { !Self.isName($0) }) {
                return "rule name '\(bad.prefix(80))' must be 1 to 64 letters, digits, '_', '-' or '.' (names are separated by '|')"
            }
            if names.count > Self.maximumNames { return "at most \(Self.maximumNames) rule names" }
            if Set(names).count != names.count { return "names a rule twice" }
            return nil
        }
    }

    private static func isName(_ text: Substring) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
    }
}
