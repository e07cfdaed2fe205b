import PluginAPI

/// A UPF packet-capture command, in the syntax the API document gives for `POST /tcpdump/neUPF`:
///
///     pcap trace rx tx max 100000 intfc any file upf_test.pcap    (method 1, start)
///     pcap trace rx tx off                                        (method 1, stop)
///     pcap dispatch trace on max 100000 file upf_test.pcap        (method 2, start)
///     pcap dispatch trace off                                     (method 2, stop)
///
/// Keywords are case-insensitive; `max` defaults to 100000 packets and `intfc` to `any`. Anything
/// else (an unknown word, an option twice, a bad number, a file name with a path) is refused with
/// the offending word named.
enum UPFCaptureCommand: Equatable, Sendable {
    /// Method 1 start: packets received and/or sent on an interface.
    case traceStart(directions: [String], maxPackets: Int, interface: String, fileName: String)
    /// Method 1 stop.
    case traceStop
    /// Method 2 start: the packet dispatch trace.
    case dispatchStart(maxPackets: Int, fileName: String)
    /// Method 2 stop.
    case dispatchStop

    static let defaultMaxPackets = 100_000
    static let packetRange = 1...10_000_000
    static let field = "cmd"

    /// Whether the command starts a capture (rather than stopping one).
    var starts: Bool {
        switch self {
        case .traceStart, .dispatchStart: true
        case .traceStop, .dispatchStop: false
        }
    }

    /// `trace` or `dispatch`: the UPF runs at most one capture of each.
    var mode: String {
        switch self {
        case .traceStart, .traceStop: "trace"
        case .dispatchStart, .dispatchStop: "dispatch"
        }
    }

    static func parse(_ text: String) throws(OMCError) -> UPFCaptureCommand {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.first?.lowercased() == "pcap" else {
            throw OMCError.invalid(field, "must start with 'pcap', like 'pcap trace rx tx max 100000 intfc any file upf_test.pcap'")
        }
        switch words.dropFirst().first?.lowercased() {
        case "trace": return try trace(Array(words.dropFirst(2)))
        case "dispatch": return try dispatch(Array(words.dropFirst(2)))
        case let other?: throw OMCError.invalid(field, "unknown word '\(other)' after 'pcap'; use 'trace' or 'dispatch'")
        case nil: throw OMCError.invalid(field, "'pcap' must be followed by 'trace' or 'dispatch'")
        }
    }

    /// `rx`/`tx` flags, then `off`, or options `max N`, `intfc NAME`, `file NAME`.
    private static func trace(_ words: [String]) throws(OMCError) -> UPFCaptureCommand {
        var directions: [String] = []
        var rest = words[...]
        while let word = rest.first?.lowercased(), word == "rx" || word == "tx" {
            guard !directions.contains(word) else { throw OMCError.invalid(field, "'\(word)' is given twice") }
            directions.append(word)
            rest = rest.dropFirst()
        }
        if rest.first?.lowercased() == "off" {
            guard rest.count == 1 else { throw OMCError.invalid(field, "nothing may follow 'off'; found '\(rest.dropFirst().joined(separator: " "))'") }
            return .traceStop
        }
        guard !directions.isEmpty else {
            throw OMCError.invalid(field, "'pcap trace' needs 'rx', 'tx' or both, like 'pcap trace rx tx max 100000 intfc any file upf_test.pcap'")
        }
        let options = try options(Array(rest), allowed: ["max", "intfc", "file"])
        return .traceStart(directions: directions, maxPackets: try maxPackets(options["max"]),
                           interface: try interface(options["intfc"]), fileName: try file(options["file"]))
    }

    /// `trace on` with options `max N`, `file NAME`, or `trace off`.
    private static func dispatch(_ words: [String]) throws(OMCError) -> UPFCaptureCommand {
        guard words.first?.lowercased() == "trace" else {
            throw OMCError.invalid(field, "'pcap dispatch' must be followed by 'trace on' or 'trace off'")
        }
        switch words.dropFirst().first?.lowercased() {
        case "off":
            guard words.count == 2 else { throw OMCError.invalid(field, "nothing may follow 'off'; found '\(words.dropFirst(2).joined(separator: " "))'") }
            return .dispatchStop
        case "on":
            let options = try options(Array(words.dropFirst(2)), allowed: ["max", "file"])
            return .dispatchStart(maxPackets: try maxPackets(options["max"]), fileName: try file(options["file"]))
        case let other?:
            throw OMCError.invalid(field, "unknown word '\(other)' after 'pcap dispatch trace'; use 'on' or 'off'")
        case nil:
            throw OMCError.invalid(field, "'pcap dispatch trace' must be followed by 'on' or 'off'")
        }
    }

    /// Keyword-value pairs; an unknown keyword, a keyword twice or a keyword without its value is refused.
    private static func options(_ words: [String], allowed: [String]) throws(OMCError) -> [String: String] {
        var options: [String: String] = [:]
        var index = 0
        while index < words.count {
            let keyword = words[index].lowercased()
            guard allowed.contains(keyword) else {
                throw OMCError.invalid(field, "unknown word '\(words[index])'; expected one of \(allowed.joined(separator: ", "))")
            }
            guard options[keyword] == nil else { throw OMCError.invalid(field, "'\(keyword)' is given twice") }
            guard index + 1 < words.count else { throw OMCError.invalid(field, "'\(keyword)' needs a value after it") }
            options[keyword] = words[index + 1]
            index += 2
        }
        return options
    }

    private static func maxPackets(_ text: String?) throws(OMCError) -> Int {
        guard let text else { return defaultMaxPackets }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), packetRange.contains(value) else {
            throw OMCError.invalid(field, "max '\(text)' must be a whole number of packets from \(packetRange.lowerBound) to \(packetRange.upperBound)")
        }
        return value
    }

    private static func interface(_ text: String?) throws(OMCError) -> String {
        guard let text else { return "any" }
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._:-".unicodeScalars.contains($0)) }
        guard allowed, (1...64).contains(text.count) else {
            throw OMCError.invalid(field, "intfc '\(text)' must be 'any' or an interface name of letters, digits, '/', '.', '_', ':' and '-'")
        }
        return text
    }

    private static func file(_ text: String?) throws(OMCError) -> String {
        guard let text else { throw OMCError.invalid(field, "a capture that starts needs 'file <name>.pcap'") }
        return try CaptureFileName.check(text, field: field)
    }
}
