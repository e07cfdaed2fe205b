/// One cell written by ``XLSXWriter``.
public enum SpreadsheetCell: Sendable, Equatable {
    /// Text, at most 32,767 characters (Excel's limit).
    case text(String)
    /// A whole number; stored as an Excel number, exact up to 2^53 (15-digit IMSIs fit).
    case integer(Int)
    /// A number.
    case number(Double)
    /// Nothing: the cell is left out, and the cells after it keep their columns.
    case empty
}
