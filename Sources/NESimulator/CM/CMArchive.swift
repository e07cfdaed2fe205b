import Foundation
import ZIPFoundation

/// An NE's configuration as a zip: one `etc/<section>.json` per configuration section. The NE writes
/// it for a backup and reads it back for a restore.
enum CMArchive {
    /// Most sections a restore reads.
    static let maximumEntries = 256
    /// Largest section a restore reads, uncompressed.
    static let maximumEntrySize = 4 << 20

    /// The zip of `sections`.
    static func make(_ sections: [(name: String, value: JSONValue)], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for section in sections {
            let bytes = pretty(section.value)
            try archive.addEntry(with: "etc/\(section.name).json", type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: date, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// Indented JSON with sorted keys, the way configuration files on an NE are read by people.
    private static func pretty(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("null".utf8)
    }

    /// The sections in a backup zip, by name; a 400 ``NEReplyError`` when it is not one.
    static func read(_ data: Data) throws(NEReplyError) -> [String: JSONValue] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw NEReplyError(status: 400, "the body is not a zip archive")
        }
        var sections: [String: JSONValue] = [:]
        for entry in archive where entry.type == .file {
            guard sections.count < maximumEntries else { throw NEReplyError(status: 400, "the archive holds more than \(maximumEntries) files") }
            let path = entry.path
            guard path.hasPrefix("etc/"), path.hasSuffix(".json"), path.count > 9 else {
                throw NEReplyError(status: 400, "'\(path)' is not a configuration section (etc/<name>.json)")
            }
            guard entry.uncompressedSize <= UInt64(maximumEntrySize) else {
                throw NEReplyError(status: 400, "'\(path)' is larger than \(maximumEntrySize) bytes")
            }
            var bytes = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    bytes.append(chunk)
                    if bytes.count > maximumEntrySize { throw NEReplyError(status: 400, "'\(path)' is larger than \(maximumEntrySize) bytes") }
                }
            } catch {
                throw NEReplyError(status: 400, "'\(path)' cannot be read from the archive: \(error)")
            }
            guard let value = JSONValue.parse(bytes) else { throw NEReplyError(status: 400, "'\(path)' is not valid JSON") }
            sections[String(path.dropFirst(4).dropLast(5))] = value
        }
        return sections
    }
}
