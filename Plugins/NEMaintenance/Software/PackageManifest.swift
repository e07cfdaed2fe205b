import Foundation
import PluginAPI
import ZIPFoundation

/// What a software package says it is: a zip holding `manifest.json`,
/// `{"neType": "UDM", "version": "2.1.0"}`. The OMC reads only that entry (through the zip's central
/// directory), so inspecting a 1 GiB package costs no more memory than a small one.
struct PackageManifest: Sendable, Equatable {
    /// The NE type the package installs on, upper-cased.
    let neType: String
    /// The version it installs.
    let version: String

    /// Largest manifest read.
    static let maximumSize = 64 * 1024

    /// The manifest of the package at `path`, or a 400 on `file` saying why it is no package. Blocks:
    /// call it through ``BlockingWork``.
    static func read(packageAt path: String) throws(OMCError) -> PackageManifest {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw OMCError.invalid("file", "is not a software package: not a zip archive")
        }
        guard let entry = archive["manifest.json"] else {
            throw OMCError.invalid("file", "is not a software package: it has no manifest.json")
        }
        guard entry.uncompressedSize <= UInt64(maximumSize) else {
            throw OMCError.invalid("file", "is not a software package: manifest.json is larger than 64 KiB")
        }
        var bytes = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                bytes.append(chunk)
                if bytes.count > maximumSize { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            throw OMCError.invalid("file", "is not a software package: manifest.json cannot be read")
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: bytes),
              let neType = json["neType"]?.stringValue, !neType.isEmpty,
              let version = json["version"]?.stringValue, !version.isEmpty else {
            throw OMCError.invalid("file", "is not a software package: manifest.json must be {\"neType\": …, \"version\": …}")
        }
        return PackageManifest(neType: neType.uppercased(), version: version)
    }
}
