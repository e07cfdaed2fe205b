import CFreeXL
import Foundation

/// A legacy .xls (BIFF8) file read with FreeXL. FreeXL loads the workbook's cell table on open; .xls
/// sheets are limited to 65,536 rows, so that stays small.
enum LegacyWorkbook {
    static func validate(path: String) throws {
        try withFirstSheet(path: path) { _, _, _ in }
    }

    static func forEachRow(path: String, _ body: (Int, [String]) throws -> Void) throws {
        try withFirstSheet(path: path) { handle, rows, columns in
            var value = FreeXL_CellValue()
            for row in 0..<rows {
                var cells: [String] = []
                cells.reserveCapacity(Int(columns))
                for column in 0..<columns {
                    let result = freexl_get_cell_value(handle, row, column, &value)
                    guard result == FREEXL_OK else {
                        throw SpreadsheetError(.corrupt, "row \(row + 1), column \(column + 1) of the .xls sheet could not be read (FreeXL error \(result))")
                    }
                    cells.append(text(of: value))
                }
                while cells.last == "" { cells.removeLast() }
                if !cells.isEmpty { try body(Int(row) + 1, cells) }
            }
        }
    }

    private static func withFirstSheet(path: String, _ body: (UnsafeRawPointer, UInt32, UInt16) throws -> Void) throws {
        var handle: UnsafeRawPointer?
        let opened = freexl_open(path, &handle)
        guard opened == FREEXL_OK, let handle else {
            if let handle { freexl_close(handle) }
            throw SpreadsheetError(.corrupt, "the .xls workbook could not be read (damaged, or not BIFF8/Excel 97-2003; FreeXL error \(opened))")
        }
        defer { freexl_close(handle) }
        var sheetCount: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &sheetCount) == FREEXL_OK, sheetCount > 0,
              freexl_select_active_worksheet(handle, 0) == FREEXL_OK else {
            throw SpreadsheetError(.corrupt, "the .xls workbook has no readable sheet")
        }
        var rows: UInt32 = 0
        var columns: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rows, &columns) == FREEXL_OK else {
            throw SpreadsheetError(.corrupt, "the size of the .xls sheet could not be read")
        }
        try body(handle, rows, columns)
    }

    private static func text(of cell: FreeXL_CellValue) -> String {
        switch Int32(cell.type) {
        case FREEXL_CELL_INT:
            return String(cell.value.int_value)
        case FREEXL_CELL_DOUBLE:
            return NumberText.format(cell.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
            return cell.value.text_value.map { String(cString: $0) } ?? ""
        default:
            return ""
        }
    }
}
