import Foundation
import ZIPFoundation

/// One part of an .xlsx archive, inflated under a size bound and a compression-ratio bound. The bounds
/// are checked against what the archive declares before anything is inflated, and against the bytes
/// actually produced while inflating (a declared size can lie), so a bomb stops at its first byte past
/// the bound: nothing larger than the bound is ever held in memory or written to disk.
struct ArchivePart {
    let entry: Entry
    let archive: Archive
    /// The size of the archive file: a part's compressed size cannot honestly exceed it.
    let archiveBytes: UInt64
    let maximumBytes: Int
    let limits: SpreadsheetReader.Limits

    var path: String { entry.path }

    /// The whole part in memory (only for parts whose bound is small).
    func data() throws -> Data {
        var data = Data()
        try inflate { data.append($0) }
        return data
    }

    /// The part inflated into a new file at `file`, created with mode 0600.
    func write(to file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: file) else {
            throw SpreadsheetError(.io, "a scratch file for the part \(path) could not be created")
        }
        defer { try? handle.close() }
        try inflate { chunk in
            do { try handle.write(contentsOf: chunk) } catch {
                throw SpreadsheetError(.io, "the part \(path) could not be written to the scratch folder (disk full?)")
            }
        }
    }

    private func inflate(_ consume: (Data) throws -> Void) throws {
        guard entry.type == .file else {
            throw SpreadsheetError(.corrupt, "the part \(path) is a \(entry.type == .symlink ? "symbolic link" : "folder"), not a file")
        }
        let compressed = max(1, min(entry.compressedSize, archiveBytes))
        try check(inflated: entry.uncompressedSize, compressed: compressed, declared: true)
        var inflated: UInt64 = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                inflated += UInt64(chunk.count)
                try check(inflated: inflated, compressed: compressed, declared: false)
                try consume(chunk)
            }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError(.corrupt, "the part \(path) could not be unzipped (damaged file?)")
        }
    }

    private func check(inflated: UInt64, compressed: UInt64, declared: Bool) throws {
        let how = declared ? "is declared to inflate" : "inflates"
        if inflated > UInt64(maximumBytes) {
            throw SpreadsheetError(.tooLarge, "the part \(path) \(how) to more than \(Self.mebibytes(maximumBytes)), "
                + "the most this OMC reads for it; the workbook is refused (split it into smaller files)")
        }
        let ratio = UInt64(limits.maximumCompressionRatio)
        if inflated > UInt64(limits.ratioExemptBytes), inflated / compressed > ratio {
            throw SpreadsheetError(.tooLarge, "the part \(path) \(how) more than \(ratio) times its compressed size "
                + "(\(compressed) bytes); the workbook is refused as a possible decompression bomb")
        }
    }

    private static func mebibytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
