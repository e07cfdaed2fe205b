import Foundation
import PluginAPI
import Spreadsheet

/// Writes an .xlsx export into the host's scratch folder and answers it as a download named like the
/// document's (`job_export_6_1684058991890.xlsx`), as a long operation of the caller; an export with
/// no row is refused with the document's message.
enum SheetExport {
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// `rows` hands each row (after the header) to `append`, inside one read of the database.
    static func export(prefix: String, sheetName: String, headers: [String], request: OMCRequest, context: PluginContext,
                       rows: @escaping @Sendable (_ db: any DatabaseConnection, _ append: ([SpreadsheetCell]) throws -> Void) throws -> Void)
        async throws -> OMCResponse {
        try await context.operations.run("system.\(prefix).export", title: "Export the \(sheetName) as .xlsx", for: request.caller,
                                         requestID: request.requestID) { tracker in
            let path = (context.host.scratchDirectory as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString).xlsx")
            let count: Int
            do {
                count = try await context.database.read { db in
                    let writer = try XLSXWriter(path: path, sheetName: sheetName)
                    try writer.appendRow(headers.map(SpreadsheetCell.text))
                    var count = 0
                    try rows(db) { cells in
                        guard count < XLSXWriter.maximumRows - 1 else { return }
                        try writer.appendRow(cells)
                        count += 1
                        if count % 1000 == 0 {
                            tracker.progress(done: count)
                            try tracker.checkCancellation()
                        }
                    }
                    try writer.close()
                    return count
                }
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            guard count > 0 else {
                try? FileManager.default.removeItem(atPath: path)
                throw OMCError(.invalidInput, "Export data record is empty")
            }
            return .download(path: path, fileName: "\(prefix)_export_\(count)_\(Milliseconds.of(context.clock.now())).xlsx", contentType: contentType)
        }
    }

    /// The document's time text for a millisecond column.
    static func time(_ milliseconds: Int?) -> SpreadsheetCell {
        guard let milliseconds else { return .empty }
        return .text(DocumentTime.format(Milliseconds.date(Int64(milliseconds))))
    }
}
