import Foundation
import OMCTesting
import Spreadsheet

/// Spreadsheets in the administration tests: downloads read back, uploads written.
enum SheetFiles {
    /// The rows of a downloaded workbook.
    static func rows(_ response: MockResponse) throws -> [[String]] {
        let path = NSTemporaryDirectory() + "sheet-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(response.body).write(to: URL(fileURLWithPath: path))
        var rows: [[String]] = []
        try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells) }
        return rows
    }

    /// An .xlsx file with `rows`, as bytes.
    static func xlsx(_ rows: [[String]]) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "upload-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path, sheetName: "Users")
        for row in rows { try writer.appendRow(row.map { $0.isEmpty ? SpreadsheetCell.empty : .text($0) }) }
        try writer.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
