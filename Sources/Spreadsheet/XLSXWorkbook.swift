import Foundation
import ZIPFoundation

/// An .xlsx file opened with ZIPFoundation: finds the first sheet through `xl/workbook.xml` and its
/// relationships, loads the shared strings, and streams the sheet's XML through Foundation's
/// `XMLParser`. The shared strings and the sheet are inflated to files in the scratch folder first,
/// under ``SpreadsheetReader/Limits``, so no step holds more than the shared strings in memory.
struct XLSXWorkbook {
    private let archive: Archive
    private let archiveBytes: UInt64
    private let sheetEntry: Entry
    private let limits: SpreadsheetReader.Limits
    private let scratchDirectory: URL

    init(path: String, limits: SpreadsheetReader.Limits, scratchDirectory: String) throws {
        self.limits = limits
        self.scratchDirectory = URL(fileURLWithPath: scratchDirectory, isDirectory: true)
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw SpreadsheetError(.corrupt, "the .xlsx file is not a readable ZIP archive (damaged or truncated?)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        archiveBytes = size?.uint64Value ?? .max
        guard let workbook = archive["xl/workbook.xml"] else {
            throw SpreadsheetError(.corrupt, "the ZIP archive is not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let sheets = try XMLElementCollector.collect(["sheet"], from: try Self.part(workbook, archive, archiveBytes, limits).data(),
                                                     part: "xl/workbook.xml")
        guard let firstSheet = sheets.first else { throw SpreadsheetError(.corrupt, "the workbook has no sheet") }
        let relationshipID = firstSheet.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value
        var target = "worksheets/sheet1.xml"
        if let relationshipID, let relations = archive["xl/_rels/workbook.xml.rels"] {
            let relationships = try XMLElementCollector.collect(["Relationship"],
                                                                from: try Self.part(relations, archive, archiveBytes, limits).data(),
                                                                part: "xl/_rels/workbook.xml.rels")
            if let found = relationships.first(where: { $0["Id"] == relationshipID })?["Target"] { target = found }
        }
        let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheetEntry = archive[sheetPath] else {
            throw SpreadsheetError(.corrupt, "the workbook's first sheet \(sheetPath) is missing from the archive")
        }
        self.sheetEntry = sheetEntry
    }

    func forEachRow(_ body: (Int, [String]) throws -> Void) throws {
        let sharedStrings = try archive["xl/sharedStrings.xml"].map { entry in
            try withInflated(entry, maximumBytes: limits.maximumSharedStringsBytes) { stream in
                try SharedStringsParser.parse(stream)
            }
        } ?? []
        try withInflated(sheetEntry, maximumBytes: limits.maximumSheetBytes) { stream in
            // The parser lives only for this call, so `body` does not outlive it.
            try withoutActuallyEscaping(body) { body in
                try WorksheetParser(part: sheetEntry.path, sharedStrings: sharedStrings, body: body).parse(stream)
            }
        }
    }

    /// Inflates `entry` to a scratch file, hands `read` a stream of it, and removes the file.
    private func withInflated<T>(_ entry: Entry, maximumBytes: Int, _ read: (InputStream) throws -> T) throws -> T {
        let file = scratchDirectory.appendingPathComponent("omc-sheet-part-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try ArchivePart(entry: entry, archive: archive, archiveBytes: archiveBytes, maximumBytes: maximumBytes, limits: limits)
            .write(to: file)
        guard let stream = InputStream(url: file) else {
            throw SpreadsheetError(.io, "the unzipped part \(entry.path) could not be opened")
        }
        return try read(stream)
    }

    private static func part(_ entry: Entry, _ archive: Archive, _ archiveBytes: UInt64,
                             _ limits: SpreadsheetReader.Limits) -> ArchivePart {
        ArchivePart(entry: entry, archive: archive, archiveBytes: archiveBytes, maximumBytes: limits.maximumOtherPartBytes, limits: limits)
    }
}
