import CXLSXWriter

/// Writes an .xlsx workbook with one sheet, row by row, through libxlsxwriter's constant-memory mode:
/// each row goes to disk as it is appended, so memory stays flat for a million rows.
///
///     let writer = try XLSXWriter(path: path, sheetName: "UE policies")
///     try writer.appendRow([.text("imsi"), .text("policy")])      // the first row is bold
///     try writer.appendRow([.text("460001234567890"), .text("gold")])
///     try writer.close()
///
/// Not thread-safe: one task writes a file. A writer not closed leaves an unfinished file.
public final class XLSXWriter {
    /// Excel's limits.
    public static let maximumRows = 1_048_576
    /// Excel's limits.
    public static let maximumColumns = 16_384
    /// Excel's limit on the characters (UTF-16 code units) of one cell.
    public static let maximumCellLength = 32_767

    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private let worksheet: UnsafeMutablePointer<lxw_worksheet>
    private let bold: UnsafeMutablePointer<lxw_format>?
    private let path: String
    private var nextRow = 0

    /// Starts a workbook at `path` (replacing any file there) with one sheet named `sheetName`
    /// (at most 31 characters, none of `[ ] : * ? / \`).
    public init(path: String, sheetName: String = "Sheet1") throws {
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw SpreadsheetError(.io, "the workbook \(path) could not be created")
        }
        if let problem = Self.sheetNameProblem(sheetName) {
            lxw_workbook_free(workbook)
            throw SpreadsheetError(.invalidValue, "sheet name '\(sheetName)': \(problem)")
        }
        guard let worksheet = workbook_add_worksheet(workbook, sheetName) else {
            lxw_workbook_free(workbook)
            throw SpreadsheetError(.invalidValue, "sheet name '\(sheetName)' is not accepted by Excel")
        }
        self.workbook = workbook
        self.worksheet = worksheet
        self.path = path
        bold = workbook_add_format(workbook)
        format_set_bold(bold)
    }

    deinit {
        if let workbook { lxw_workbook_free(workbook) }
    }

    /// Appends the next row; the first row (the header) is bold. ``SpreadsheetCell/empty`` cells are
    /// skipped and the following cells keep their columns.
    ///
    /// Any value is written, so that no stored value can break an export: text is made fit for a
    /// cell by ``cellText(_:)``, and a number that is not finite is written as text.
    public func appendRow(_ cells: [SpreadsheetCell]) throws {
        guard workbook != nil else { throw SpreadsheetError(.io, "the workbook \(path) is already closed") }
        guard nextRow < Self.maximumRows else {
            throw SpreadsheetError(.invalidValue, "a sheet holds at most \(Self.maximumRows) rows")
        }
        guard cells.count <= Self.maximumColumns else {
            throw SpreadsheetError(.invalidValue, "row \(nextRow + 1) has \(cells.count) cells; a sheet holds at most \(Self.maximumColumns) columns")
        }
        let row = lxw_row_t(nextRow)
        let format = nextRow == 0 ? bold : nil
        for (index, cell) in cells.enumerated() {
            let column = lxw_col_t(index)
            let result: lxw_error
            switch cell {
            case .text(let text):
                result = worksheet_write_string(worksheet, row, column, Self.cellText(text), format)
            case .number(let value) where !value.isFinite:
                result = worksheet_write_string(worksheet, row, column, String(value), format)
            case .integer(let value):
                result = worksheet_write_number(worksheet, row, column, Double(value), format)
            case .number(let value):
                result = worksheet_write_number(worksheet, row, column, value, format)
            case .empty:
                continue
            }
            guard result == LXW_NO_ERROR else {
                throw SpreadsheetError(.invalidValue, "row \(nextRow + 1), column \(index + 1): \(String(cString: lxw_strerror(result)))")
            }
        }
        nextRow += 1
    }

    /// Finishes the file (writes the workbook's parts and zips them); the writer is then done.
    public func close() throws {
        guard let workbook else { throw SpreadsheetError(.io, "the workbook \(path) is already closed") }
        self.workbook = nil
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw SpreadsheetError(.io, "the workbook \(path) could not be finished: \(String(cString: lxw_strerror(result)))")
        }
    }

    /// `text` as a cell can hold it: control characters that XML 1.0 forbids (all below U+0020 but
    /// tab, line feed and carriage return) become their visible Unicode pictures (U+0001 → ␁),
    /// U+FFFE and U+FFFF become U+FFFD, and text longer than ``maximumCellLength`` is cut with a
    /// note of its original length.
    public static func cellText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D:
                scalars.append(scalar)
            case 0..<0x20:
                scalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
                changed = true
            case 0xFFFE, 0xFFFF:
                scalars.append("\u{FFFD}")
                changed = true
            default:
                scalars.append(scalar)
            }
        }
        let clean = changed ? String(scalars) : text
        let length = clean.utf16.count
        guard length > maximumCellLength else { return clean }
        let note = "… (cut: \(length) characters in all)"
        var kept = String.UnicodeScalarView()
        var budget = maximumCellLength - note.utf16.count
        for scalar in clean.unicodeScalars {
            budget -= scalar.utf16.count
            guard budget >= 0 else { break }
            kept.append(scalar)
        }
        return String(kept) + note
    }

    private static func sheetNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.count > 31 { return "is longer than 31 characters" }
        if name.contains(where: { "[]:*?/\\".contains($0) }) { return "must not contain [ ] : * ? / \\" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "must not begin or end with an apostrophe" }
        return nil
    }
}
