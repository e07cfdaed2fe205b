/// A value bound to, or read from, an SQL statement.
public enum SQLValue: Sendable, Hashable {
    /// `NULL`.
    case null
    /// An integer.
    case integer(Int64)
    /// A floating-point number.
    case real(Double)
    /// Text.
    case text(String)
    /// Bytes.
    case blob([UInt8])
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    /// `"abc"` binds as text.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `42` binds as an integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `nil` binds as `NULL`.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// Text, or `NULL` for `nil`.
    public static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// An integer from an `Int`.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    /// `1` or `0`.
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}
