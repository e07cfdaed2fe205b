import Foundation
import PluginAPI
import Spreadsheet

/// The administration exports: an .xlsx file written row by row into the host's scratch folder,
/// then streamed with the document's headers (`Content-Disposition: attachment; filename=
/// post_export_<ms>.xlsx`, the spreadsheet `Content-Type`) and removed once sent.
enum SheetExport {
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Writes `header` and the rows `produce` appends; an export without rows answers the document's
    /// "Export data record is empty" unless `allowEmpty` (the import template).
    static func xlsx(_ context: PluginContext, fileStem: String, sheetName: String, header: [String], allowEmpty: Bool = false,
                     produce: @escaping @Sendable (any DatabaseConnection, (_ row: [SpreadsheetCell]) throws -> Void) throws -> Void) async throws -> OMCResponse {
        let directory = context.host.scratchDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("\(fileStem)-\(UUID().uuidString).xlsx")
        let written: Int
        do {
            written = try await context.database.read { db in
                let writer = try XLSXWriter(path: path, sheetName: sheetName)
                try writer.appendRow(header.map(SpreadsheetCell.text))
                var count = 0
                try produce(db) { row in
                    try writer.appendRow(row)
                    count += 1
                }
                try writer.close()
                return count
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            if let problem = error as? SpreadsheetError { throw OMCError(.internal, "the export could not be written: \(problem.message)") }
            throw error
        }
        guard written > 0 || allowEmpty else {
            try? FileManager.default.removeItem(atPath: path)
            throw OMCError(.invalidInput, "Export data record is empty")
        }
        let stamp = Milliseconds.of(context.clock.now())
        return .download(path: path, fileName: "\(fileStem)_\(stamp).xlsx", contentType: contentType, removeWhenSent: true)
    }

    /// A time in milliseconds as `yyyy-MM-dd HH:mm:ss` in the OMC's time zone; empty for none.
    static func time(_ milliseconds: String?) -> SpreadsheetCell {
        guard let text = milliseconds, let value = Int64(text) else { return .text("") }
        return .text(DocumentTime.format(Milliseconds.date(value)))
    }

    static func status(_ code: String?) -> SpreadsheetCell {
        .text(code == "1" ? "Active" : "Inactive")
    }
}
