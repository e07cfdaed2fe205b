/// The names capture files may have on the NE: a plain `.pcap` name in its capture folder.
enum CaptureFileRule {
    static let maximumLength = 128

    static func check(_ name: String?) throws(NEReplyError) -> String {
        guard let name, !name.isEmpty else { throw NEReplyError(status: 400, "fileName is required") }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
        guard plain, !name.hasPrefix("."), !name.contains(".."), name.utf8.count <= maximumLength else {
            throw NEReplyError(status: 400, "fileName '\(name)' must be a plain file name (letters, digits, '.', '_', '-'), not a path")
        }
        guard name.lowercased().hasSuffix(".pcap") else { throw NEReplyError(status: 400, "fileName '\(name)' must end with .pcap") }
        return name
    }
}
