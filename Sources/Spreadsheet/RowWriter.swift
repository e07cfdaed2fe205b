/// A file an export writes row by row: an xlsx workbook (``XLSXWriter``) or csv text
/// (``CSVWriter``), so that an export has one code path for both formats.
public protocol RowWriter: AnyObject {
    /// Appends one row; the first row is the header.
    func appendRow(_ cells: [SpreadsheetCell]) throws
    /// Finishes the file; a writer not closed leaves an unfinished file.
    func close() throws
}

extension XLSXWriter: RowWriter {}

/// The writer of `format` (`xlsx`, or anything else for `csv`) at `path`; `sheetName` names the
/// xlsx sheet.
public func makeRowWriter(format: String, path: String, sheetName: String) throws -> any RowWriter {
    format == "xlsx" ? try XLSXWriter(path: path, sheetName: sheetName) : try CSVWriter(path: path)
}
