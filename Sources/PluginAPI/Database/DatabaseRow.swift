/// One row of a query result.
public struct DatabaseRow: Sendable {
    /// Column names, as the query named them.
    public let columns: [String]
    /// Values, in column order.
    public let values: [SQLValue]

    /// A row.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column` (case-insensitive), `.null` when there is no such column.
    public subscript(column: String) -> SQLValue {
        if let index = columns.firstIndex(of: column) ?? columns.firstIndex(where: { $0.caseInsensitiveEquals(column) }) {
            return values[index]
        }
        return .null
    }

    /// Text of `column`, `nil` for `NULL`; numbers are rendered as text.
    public func string(_ column: String) -> String? {
        switch self[column] {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }

    /// Integer of `column`, `nil` for `NULL` or non-numeric text.
    public func int(_ column: String) -> Int? {
        switch self[column] {
        case .integer(let value): Int(exactly: value)
        case .real(let value): Int(exactly: value)
        case .text(let value): Int(value)
        default: nil
        }
    }

    /// Number of `column`, `nil` for `NULL`.
    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text(let value): Double(value)
        default: nil
        }
    }

    /// Bytes of `column`, `nil` for `NULL`.
    public func blob(_ column: String) -> [UInt8]? {
        switch self[column] {
        case .blob(let bytes): bytes
        case .text(let value): Array(value.utf8)
        default: nil
        }
    }
}
