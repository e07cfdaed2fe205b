import PluginAPI

/// The contact fields users and departments share: phone numbers and e-mail addresses.
enum ContactRules {
    /// 5 to 20 digits, optionally led by `+`, with spaces or `-` between groups.
    static func phone(_ body: BodyFields, _ name: String) throws(OMCError) -> String? {
        guard let value = try body.text(name, maxLength: 20) else { return nil }
        guard isPhone(value) else { throw OMCError.invalid(name, "must be a phone number: 5 to 20 digits, optionally led by +") }
        return value
    }

    static func isPhone(_ value: String) -> Bool {
        let body = value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        let digits = body.filter(\.isASCII).filter(\.isNumber).count
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == " " || $0 == "-" } && (5...20).contains(digits)
    }

    /// `local@domain.tld`, at most 50 characters, no spaces.
    static func email(_ body: BodyFields, _ name: String) throws(OMCError) -> String? {
        guard let value = try body.text(name, maxLength: 50) else { return nil }
        guard isEmail(value) else { throw OMCError.invalid(name, "must be an e-mail address like name@example.com") }
        return value
    }

    static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}
