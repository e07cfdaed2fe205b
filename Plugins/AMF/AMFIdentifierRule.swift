import PluginAPI

/// The format of an AMF identifier that the configuration schema's types cannot say: a PLMN is 5 or
/// 6 digits, a GUAMI's region, set and pointer are hex numbers of 8, 10 and 6 bits, a TAC 6 hex
/// digits (TS 23.003).
struct AMFIdentifierRule: Sendable {
    /// Whether `text` has the format.
    let accepts: @Sendable (String) -> Bool
    /// The rule in words.
    let message: LocalizedMessage

    /// A rule: `accepts` tells the format, `message` says it.
    init(accepts: @escaping @Sendable (String) -> Bool, message: LocalizedMessage) {
        self.accepts = accepts
        self.message = message
    }

    /// The rules by parameter key.
    static let rules: [String: AMFIdentifierRule] = [
        "plmn": AMFIdentifierRule(accepts: { digits($0, 5...6) }, message: "must be a PLMN: MCC and MNC, 5 or 6 digits"),
        "amfRegionId": AMFIdentifierRule(accepts: { hex($0, count: 2, maximum: 0xFF) }, message: "must be 2 hex digits"),
        "amfSetId": AMFIdentifierRule(accepts: { hex($0, count: 3, maximum: 0x3FF) }, message: "must be 3 hex digits from 000 to 3FF"),
        "amfPointer": AMFIdentifierRule(accepts: { hex($0, count: 2, maximum: 0x3F) }, message: "must be 2 hex digits from 00 to 3F"),
        "tac": AMFIdentifierRule(accepts: { hex($0, count: 6, maximum: 0xFF_FFFF) }, message: "must be 6 hex digits"),
    ]

    static func digits(_ text: String, _ lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    static func hex(_ text: String, count: Int, maximum: Int) -> Bool {
        guard text.utf8.count == count, let value = Int(text, radix: 16), text.utf8.allSatisfy({ $0 != 0x2B && $0 != 0x2D }) else { return false }
        return value <= maximum
    }
}
