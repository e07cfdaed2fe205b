import Foundation

/// Reads the first sheet of a workbook row by row: `.xlsx` (Office Open XML) and legacy `.xls`
/// (BIFF8). The format is told from the file's first bytes, never from its name, so an upload named
/// `users.xlsx` that holds CSV is refused with a clear message.
///
///     let reader = try SpreadsheetReader(path: upload.path)
///     try reader.forEachRow { rowNumber, cells in
///         if rowNumber == 1 { return }   // the header
///         …
///     }
///
/// Every cell comes as text: numbers in their shortest exact form (`460001234567890`, `2.5`),
/// booleans as `TRUE`/`FALSE`, dates of .xls files as `YYYY-MM-DD`. Empty cells inside a row keep
/// their columns (`""`); trailing empty cells are left out, and rows without any value are skipped.
///
/// An .xlsx is inflated under ``Limits`` (``Limits/standard`` unless given), part by part, into the
/// scratch folder; a decompression bomb is refused with a ``SpreadsheetError/Kind/tooLarge`` error at
/// its first byte past a bound.
public struct SpreadsheetReader: Sendable {
    /// The workbook formats understood.
    public enum Format: Sendable, Equatable {
        /// Office Open XML (Excel 2007 and later), a ZIP of XML parts.
        case xlsx
        /// BIFF8 (Excel 97–2003), an OLE2 compound file.
        case xls
    }

    /// The file read.
    public let path: String
    /// The format detected from the file's content.
    public let format: Format
    /// How much an .xlsx may inflate.
    public let limits: Limits
    /// Where the parts of an .xlsx are inflated while they are read.
    public let scratchDirectory: String

    /// Opens `path` and checks it is a readable workbook. Throws ``SpreadsheetError`` for a missing or
    /// empty file, text (CSV), other binary content, a broken ZIP, a workbook without a sheet, or a part
    /// past `limits`. Parts are inflated into `scratchDirectory`, by default the folder of `path` (for an
    /// upload, the request's own folder in the data folder's `tmp/`).
    public init(path: String, limits: Limits = .standard, scratchDirectory: String? = nil) throws {
        self.path = path
        self.limits = limits
        let folder = (path as NSString).deletingLastPathComponent
        self.scratchDirectory = scratchDirectory ?? (folder.isEmpty ? "." : folder)
        format = try WorkbookFormat.detect(path: path)
        switch format {
        case .xlsx: _ = try XLSXWorkbook(path: path, limits: limits, scratchDirectory: self.scratchDirectory)
        case .xls: try LegacyWorkbook.validate(path: path)
        }
    }

    /// Calls `body` with each row of the first sheet, in order, with its 1-based row number; the file is
    /// streamed, so memory does not grow with the number of rows. An error thrown by `body` stops the
    /// reading and is rethrown as is.
    public func forEachRow(_ body: (_ rowNumber: Int, _ cells: [String]) throws -> Void) throws {
        switch format {
        case .xlsx: try XLSXWorkbook(path: path, limits: limits, scratchDirectory: scratchDirectory).forEachRow(body)
        case .xls: try LegacyWorkbook.forEachRow(path: path, body)
        }
    }
}
