/// A parameter an MML command accepts, with the rule its value must follow.
public struct MMLParameter: Sendable, Hashable {
    /// The rule a value follows.
    public enum Kind: Sendable, Hashable {
        /// Decimal digits, with a number of digits within the range (an IMSI is `15...15`).
        case digits(ClosedRange<Int>)
        /// Hexadecimal digits, with a number of digits within the range (a Ki is `32...32`).
        case hex(ClosedRange<Int>)
        /// An integer within the range.
        case integer(ClosedRange<Int>)
        /// Free text of at most this many characters.
        case text(maxLength: Int)
        /// One of these values, compared case-insensitively.
        case enumeration([String])
    }

    /// Upper-cased name (`IMSI`).
    public let name: String
    /// The rule.
    public let kind: Kind
    /// Whether the command is refused without it.
    public let required: Bool
    /// One sentence for `LST CMD` and the help.
    public let help: LocalizedMessage

    /// A parameter.
    public init(name: String, kind: Kind, required: Bool, help: LocalizedMessage) {
        self.name = name.uppercased()
        self.kind = kind
        self.required = required
        self.help = help
    }

    /// Decimal digits, exactly `length` of them.
    public static func digits(_ name: String, length: Int, required: Bool = false, help: LocalizedMessage) -> MMLParameter {
        MMLParameter(name: name, kind: .digits(length...length), required: required, help: help)
    }

    /// Decimal digits, between `lengths.lowerBound` and `lengths.upperBound` of them.
    public static func digits(_ name: String, lengths: ClosedRange<Int>, required: Bool = false, help: LocalizedMessage) -> MMLParameter {
        MMLParameter(name: name, kind: .digits(lengths), required: required, help: help)
    }

    /// Hexadecimal digits, exactly `length` of them.
    public static func hex(_ name: String, length: Int, required: Bool = false, help: LocalizedMessage) -> MMLParameter {
        MMLParameter(name: name, kind: .hex(length...length), required: required, help: help)
    }

    /// An integer within `range`.
    public static func integer(_ name: String, range: ClosedRange<Int>, required: Bool = false, help: LocalizedMessage) -> MMLParameter {
        MMLParameter(name: name, kind: .integer(range), required: required, help: help)
    }

    /// Free text.
    public static func text(_ name: String, maxLength: Int = 256, required: Bool = false, help: LocalizedMessage) -> MMLParameter {
        MMLParameter(name: name, kind: .text(maxLength: maxLength), required: required, help: help)
    }

    /// One of `values`.
    public static func enumeration(_ name: String, _ values: [String], required: Bool = false, help: LocalizedMessage) -> MMLParameter {
        MMLParameter(name: name, kind: .enumeration(values), required: required, help: help)
    }

    /// The rule `value` breaks, or `nil` when it is valid.
    public func violation(of value: String) -> LocalizedMessage? {
        switch kind {
        case .digits(let lengths):
            let valid = lengths.contains(value.utf8.count) && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            return valid ? nil : "must be \(Self.describe(lengths)) decimal digits"
        case .hex(let lengths):
            let valid = lengths.contains(value.utf8.count) && value.utf8.allSatisfy(\.isHexDigit)
            return valid ? nil : "must be \(Self.describe(lengths)) hexadecimal digits"
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                return "must be an integer from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        case .text(let maxLength):
            return value.count <= maxLength ? nil : "must be at most \(maxLength) characters"
        case .enumeration(let values):
            return values.contains { $0.caseInsensitiveEquals(value) } ? nil : "must be one of \(values.joined(separator: ", "))"
        }
    }

    /// The rule in words, for help texts (`"15 decimal digits"`).
    public var ruleDescription: LocalizedMessage {
        switch kind {
        case .digits(let lengths): "\(Self.describe(lengths)) decimal digits"
        case .hex(let lengths): "\(Self.describe(lengths)) hexadecimal digits"
        case .integer(let range): "integer \(range.lowerBound)..\(range.upperBound)"
        case .text(let maxLength): "text, at most \(maxLength) characters"
        case .enumeration(let values): .verbatim(values.joined(separator: "|"))
        }
    }

    private static func describe(_ lengths: ClosedRange<Int>) -> LocalizedMessage {
        lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound) to \(lengths.upperBound)"
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
