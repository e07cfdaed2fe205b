extension OMCError {
    /// The longest message a caller is sent, in characters.
    public static let maximumMessageLength = 2_048
    /// The longest quoted value (`'…'`) a long message keeps of what the caller sent, in characters.
    public static let maximumEchoLength = 64

    /// `message` bounded for the caller: messages quote the offending value (`ip: must be an IPv4 or
    /// IPv6 address, not '…'`), and a request of megabytes must not come back whole in its error. In a
    /// message longer than ``maximumMessageLength``, each quoted value longer than
    /// ``maximumEchoLength`` keeps its start and says its length (`'4600…' (9,900,000 characters)`),
    /// so every field and rule stays named; what is still too long is then cut.
    static func bounded(_ message: String) -> String {
        guard message.utf8.count > maximumMessageLength else { return message }
        var parts = message.split(separator: "'", omittingEmptySubsequences: false).map(String.init)
        for index in stride(from: 1, to: parts.count, by: 2) where parts[index].count > maximumEchoLength {
            let length = " (\(grouped(parts[index].count)) characters)"
            parts[index] = String(parts[index].prefix(maximumEchoLength)) + "…"
            if index + 1 < parts.count { parts[index + 1] = length + parts[index + 1] } else { parts[index] += length }
        }
        let shortened = parts.joined(separator: "'")
        guard shortened.count > maximumMessageLength else { return shortened }
        return String(shortened.prefix(maximumMessageLength)) + "… (message cut, \(grouped(shortened.count)) characters)"
    }

    /// `9900000` → `9,900,000`, the same in every locale.
    private static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }
}
