import Foundation
import PluginAPI
import Spreadsheet

/// Writes a log export: every row matching the filter (the document's `pageNum`/`pageSize` are
/// accepted and ignored: an export is the whole selection), streamed from the database into an
/// .xlsx file in the host's scratch folder, then sent as a download named like the document's
/// (`operlog_export_20_1684073261184.xlsx`) and removed.
enum LogExport {
    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// `query` selects the rows (its `?` bound to `arguments`); `cells` turns one row into cells under `headers`.
    /// The export is a long operation of `request`'s caller (`security.<prefix>.export`): its progress
    /// counts the rows written, and a cancellation stops it (nothing changes).
    static func export(prefix: String, sheetName: String, headers: [String], query: String, arguments: [SQLValue],
                       cells: @escaping @Sendable (DatabaseRow) -> [SpreadsheetCell], request: OMCRequest,
                       context: PluginContext) async throws -> OMCResponse {
        try await context.operations.run("security.\(prefix).export", title: "Export the \(sheetName) as .xlsx", for: request.caller,
                                         requestID: request.requestID) { tracker in
            try await export(prefix: prefix, sheetName: sheetName, headers: headers, query: query, arguments: arguments, cells: cells,
                             context: context, tracker: tracker)
        }
    }

    private static func export(prefix: String, sheetName: String, headers: [String], query: String, arguments: [SQLValue],
                               cells: @escaping @Sendable (DatabaseRow) -> [SpreadsheetCell], context: PluginContext,
                               tracker: LongOperation) async throws -> OMCResponse {
        tracker.progress(phase: "writing", done: 0)
        let path = (context.host.scratchDirectory as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString).xlsx")
        let count: Int
        do {
            count = try await context.database.read { db in
                let writer = try XLSXWriter(path: path, sheetName: sheetName)
                var count = 0
                try writer.appendRow(headers.map(SpreadsheetCell.text))
                try db.forEachRow(query + " LIMIT \(XLSXWriter.maximumRows - 1)", arguments) { row in
                    try writer.appendRow(cells(row))
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
        let now = Milliseconds.of(context.clock.now())
        return .download(path: path, fileName: "\(prefix)_export_\(count)_\(now).xlsx", contentType: contentType)
    }

    /// Text of a column, empty for `NULL`.
    static func text(_ row: DatabaseRow, _ column: String) -> SpreadsheetCell {
        .text(row.string(column) ?? "")
    }

    /// A millisecond time column as `yyyy-MM-dd HH:mm:ss` in the OMC's time zone.
    static func time(_ row: DatabaseRow, _ column: String) -> SpreadsheetCell {
        guard let milliseconds = row.int(column) else { return .empty }
        return .text(DocumentTime.format(Milliseconds.date(Int64(milliseconds))))
    }
}
