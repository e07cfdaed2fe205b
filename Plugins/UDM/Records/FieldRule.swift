import PluginAPI

/// The rule one field of a UDM record follows. Every rule keeps values to printable ASCII without
/// tabs, quotes or separators, so records travel as tab-separated text and CSV without quoting.
enum FieldRule: Sendable, Hashable {
    /// Decimal digits, with a number of digits within the range (IMSI 15, MSISDN 5 to 15).
    case digits(ClosedRange<Int>)
    /// Hexadecimal digits, exactly this many (Ki and OPc 32, AMF 4).
    case hex(Int)
    /// An integer within the range (algoIndex).
    case integer(ClosedRange<Int>)
    /// One of these values.
    case oneOf([String])
    /// The name of a template the UDM holds (`def_ambr`): 1 to 64 letters, digits, `_`, `-` or `.`.
    case template
    /// A list of small integers separated by `,` or `|` (APN context ids).
    case numberList
    /// An IPv4 address in dotted decimal.
    case ipv4

    /// The rule `value` breaks, or `nil` when it follows it.
    func violation(of value: String) -> LocalizedMessage? {
        let bytes = value.utf8
        let valid: Bool
        switch self {
        case .digits(let lengths):
            valid = lengths.contains(bytes.count) && bytes.allSatisfy(Self.isDigit)
        case .hex(let length):
            valid = bytes.count == length && bytes.allSatisfy(Self.isHex)
        case .integer(let range):
            valid = bytes.count <= 6 && bytes.allSatisfy(Self.isDigit) && Int(value).map(range.contains) == true
        case .oneOf(let values):
            valid = values.contains(value)
        case .template:
            valid = (1...64).contains(bytes.count) && bytes.allSatisfy { Self.isDigit($0) || Self.isLetter($0) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
        case .numberList:
            let items = value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "|" })
            valid = bytes.count <= 256 && items.allSatisfy { item in (1...5).contains(item.utf8.count) && item.utf8.allSatisfy(Self.isDigit) }
        case .ipv4:
            let parts = value.split(separator: ".", omittingEmptySubsequences: false)
            valid = parts.count == 4 && parts.allSatisfy { part in
                (1...3).contains(part.utf8.count) && part.utf8.allSatisfy(Self.isDigit) && (Int(part) ?? 256) <= 255
            }
        }
        return valid ? nil : wording
    }

    /// The rule in words, as refusals say it.
    var wording: LocalizedMessage {
        switch self {
        case .digits(let lengths): "must be \(Self.describe(lengths)) decimal digits"
        case .hex(let length): "must be \(length) hexadecimal digits"
        case .integer(let range): "must be an integer from \(range.lowerBound) to \(range.upperBound)"
        case .oneOf(let values): "must be one of \(values.joined(separator: ", "))"
        case .template: "must name a template: 1 to 64 letters, digits, _, - or ."
        case .numberList: "must be numbers separated by , or |"
        case .ipv4: "must be an IPv4 address like 10.0.0.1"
        }
    }

    /// The matching MML parameter kind, so that the MML console checks what the API checks.
    var mmlKind: MMLParameter.Kind {
        switch self {
        case .digits(let lengths): .digits(lengths)
        case .hex(let length): .hex(length...length)
        case .integer(let range): .integer(range)
        case .oneOf(let values): .enumeration(values)
        case .template: .text(maxLength: 64)
        case .numberList: .text(maxLength: 256)
        case .ipv4: .text(maxLength: 15)
        }
    }

    private static func describe(_ lengths: ClosedRange<Int>) -> LocalizedMessage {
        lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound) to \(lengths.upperBound)"
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66) }
    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
}
