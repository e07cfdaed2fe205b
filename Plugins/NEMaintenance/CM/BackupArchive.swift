import Foundation
import PluginAPI
import ZIPFoundation

/// Reads a configuration backup: a zip of `etc/<section>.json` files, as NEs export them.
enum BackupArchive {
    static let maximumEntries = 256
    static let maximumEntrySize = 4 << 20

    /// The sections of the backup at `path`, by name. Blocks: call it through ``BlockingWork``.
    static func sections(at path: String) throws(OMCError) -> [String: JSONValue] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw OMCError(.neFailure, "the configuration export is not a zip archive")
        }
        var sections: [String: JSONValue] = [:]
        for entry in archive where entry.type == .file {
            guard sections.count < maximumEntries else { throw OMCError(.neFailure, "the configuration export holds more than 256 sections") }
            let name = entry.path
            guard name.hasPrefix("etc/"), name.hasSuffix(".json"), name.count > 9, entry.uncompressedSize <= UInt64(maximumEntrySize) else {
                throw OMCError(.neFailure, "the configuration export holds '\(name)', which is no configuration section (etc/<name>.json, at most 4 MiB)")
            }
            var bytes = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    bytes.append(chunk)
                    if bytes.count > maximumEntrySize { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                throw OMCError(.neFailure, "the configuration export's '\(name)' cannot be read")
            }
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: bytes) else {
                throw OMCError(.neFailure, "the configuration export's '\(name)' is not JSON")
            }
            sections[String(name.dropFirst(4).dropLast(5))] = value
        }
        guard !sections.isEmpty else { throw OMCError(.neFailure, "the configuration export holds no configuration section") }
        return sections
    }
}
