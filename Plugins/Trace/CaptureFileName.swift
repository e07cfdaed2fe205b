import PluginAPI

/// The rule for capture file names, whether a command names the file or a download asks for it: a
/// plain name in the NE's capture folder, never a path. The host decodes the query string once, so
/// a `%` left in a name is a second encoding (`%252e%252e%252f`) and is refused like the path it hides.
enum CaptureFileName {
    static let maximumLength = 128

    /// `name`, or ``OMCError`` naming `field` and the rule it breaks.
    static func check(_ name: String, field: String) throws(OMCError) -> String {
        guard !name.isEmpty else { throw OMCError.invalid(field, "a capture file name is required") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw OMCError.invalid(field, "must not contain control characters (NUL, line breaks)")
        }
        if name.contains("/") || name.contains("\\") {
            throw OMCError.invalid(field, "'\(name)' must be a file name without a path ('/' and '\\' are not allowed)")
        }
        if name.contains("..") { throw OMCError.invalid(field, "'\(name)' must not contain '..'") }
        if name.contains("%") {
            throw OMCError.invalid(field, "'\(name)' must not contain '%': encoded characters are not decoded twice")
        }
        if name.hasPrefix(".") { throw OMCError.invalid(field, "'\(name)' must not start with '.'") }
        guard name.utf8.count <= maximumLength else {
            throw OMCError.invalid(field, "is \(name.utf8.count) bytes long; at most \(maximumLength)")
        }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }) else {
            throw OMCError.invalid(field, "'\(name)' may contain only letters, digits, '.', '_' and '-'")
        }
        guard name.lowercased().hasSuffix(".pcap"), name.count > 5 else {
            throw OMCError.invalid(field, "'\(name)' must end with .pcap")
        }
        return name
    }
}
