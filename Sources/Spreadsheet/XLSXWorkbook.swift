import Foundation
import ZIPFoundation

/// An .xlsx file opened with ZIPFoundation: finds the first sheet through `xl/workbook.xml` and its
/// relationships, loads the shared strings, and streams the sheet's XML through Foundation's
/// `XMLParser` (the sheet is unzipped to a temporary file first, so neither step holds it in memory).
struct XLSXWorkbook {
    private let archive: Archive
    private let sheetEntry: Entry

    init(path: String) throws {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw SpreadsheetError(.corrupt, "the .xlsx file is not a readable ZIP archive (damaged or truncated?)")
        }
        guard let workbook = archive["xl/workbook.xml"] else {
            throw SpreadsheetError(.corrupt, "the ZIP archive is not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let sheets = try XMLElementCollector.collect(["sheet"], from: try Self.data(of: workbook, in: archive), part: "xl/workbook.xml")
        guard let firstSheet = sheets.first else { throw SpreadsheetError(.corrupt, "the workbook has no sheet") }
        let relationshipID = firstSheet.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value
        var target = "worksheets/sheet1.xml"
        if let relationshipID, let relations = archive["xl/_rels/workbook.xml.rels"] {
            let relationships = try XMLElementCollector.collect(["Relationship"], from: try Self.data(of: relations, in: archive),
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
            try SharedStringsParser.parse(try Self.data(of: entry, in: archive))
        } ?? []
        let sheetFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("omc-sheet-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: sheetFile) }
        do {
            _ = try archive.extract(sheetEntry, to: sheetFile)
        } catch {
            throw SpreadsheetError(.corrupt, "the sheet \(sheetEntry.path) could not be unzipped (damaged file?)")
        }
        guard let stream = InputStream(url: sheetFile) else {
            throw SpreadsheetError(.io, "the unzipped sheet could not be opened")
        }
        // The parser lives only for this call, so `body` does not outlive it.
        try withoutActuallyEscaping(body) { body in
            try WorksheetParser(sharedStrings: sharedStrings, body: body).parse(stream)
        }
    }

    /// A small part (workbook, relationships, shared strings) in memory.
    private static func data(of entry: Entry, in archive: Archive) throws -> Data {
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in data.append(chunk) }
        } catch {
            throw SpreadsheetError(.corrupt, "the part \(entry.path) could not be unzipped (damaged file?)")
        }
        return data
    }
}
