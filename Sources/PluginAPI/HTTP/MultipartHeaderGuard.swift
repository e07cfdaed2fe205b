/// Refuses a multipart body that would crash multipart-kit 4.7.1: its parser looks each byte of a
/// part's header name up in a 128-entry table, so a byte of 0x80 or more there traps the process (a
/// request of a few bytes would take the OMC down). The guard follows the body through the same states
/// as that parser (preamble, boundary, header lines, body) and reports such a byte before the parser
/// sees it; everything else, including UTF-8 in header values such as file names, passes untouched.
struct MultipartHeaderGuard {
    private enum State {
        /// Before the first boundary; the count is how much of the delimiter has matched.
        case preamble(Int)
        /// Expecting the line feed of a CRLF, then a header name.
        case lineFeed
        /// In a header name of that many bytes.
        case name(Int)
        /// In a header value, up to its CR.
        case value
        /// After the empty line's CR: the line feed, then the body.
        case bodyLineFeed
        /// In a part's body; the count is how much of the delimiter has matched.
        case body(Int)
        /// After the closing delimiter, or after a syntax error the parser will report itself.
        case done
    }

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), colon = UInt8(ascii: ":"), hyphen = UInt8(ascii: "-")
    /// `\r\n--boundary`, as the parser matches it.
    private let delimiter: [UInt8]
    private var state = State.preamble(0)
    /// Whether the first CRLF after the opening boundary is still to come (the parser's `preHeaders(.cr)`).
    private var expectingCR = false

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Follows `chunk`; false when it holds a byte that would crash the parser.
    mutating func accepts(_ chunk: [UInt8]) -> Bool {
        for byte in chunk {
            switch state {
            case .preamble(let matched):
                // As the parser: the opening boundary may come without its CRLF.
                let next = matched == 0 && byte == delimiter[2] ? 3
                    : byte == delimiter[matched] ? matched + 1
                    : matched > 0 && byte == delimiter[0] ? 1 : 0
                if next == delimiter.count {
                    state = .lineFeed
                    expectingCR = true
                } else {
                    state = .preamble(next)
                }
            case .lineFeed:
                if expectingCR {
                    expectingCR = false
                    state = byte == Self.cr ? .lineFeed : .done
                } else {
                    state = byte == Self.lf ? .name(0) : .done
                }
            case .name(let length):
                if byte >= 0x80 { return false }
                state = byte == Self.colon && length > 0 ? .value
                    : byte == Self.cr && length == 0 ? .bodyLineFeed
                    : .name(length + 1)
            case .value:
                if byte == Self.cr { state = .lineFeed }
            case .bodyLineFeed:
                state = byte == Self.lf ? .body(0) : .done
            case .body(let matched):
                if matched == delimiter.count {
                    state = byte == Self.cr ? .lineFeed : .done
                } else if byte == delimiter[matched] {
                    state = .body(matched + 1)
                } else {
                    state = .body(byte == delimiter[0] ? 1 : 0)
                }
            case .done:
                return true
            }
        }
        return true
    }
}
