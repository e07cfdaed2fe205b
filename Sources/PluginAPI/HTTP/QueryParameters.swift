/// The decoded query string of a request (`?neId=001&pageNum=2`).
public struct QueryParameters: Sendable {
    /// Every `name=value` pair, percent-decoded, in order.
    public let pairs: [(name: String, value: String)]

    /// Wraps decoded pairs.
    public init(_ pairs: [(String, String)] = []) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, or `nil` when absent. An empty value (`?imsi=`) counts as absent,
    /// which is how the API document's clients send an unset filter.
    public subscript(name: String) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Every value of `name` (`?id=1&id=2`), comma-separated values split (`?id=1,2`).
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.flatMap { $0.value.split(separator: ",").map(String.init) }
    }

    /// The value of `name`, or ``OMCError`` naming the missing parameter.
    public func required(_ name: String) throws(OMCError) -> String {
        guard let value = self[name] else { throw OMCError.invalid(name, "query parameter is required") }
        return value
    }

    /// The integer value of `name`, `defaultValue` when absent, or ``OMCError`` when it is not an
    /// integer within `range`.
    public func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(OMCError) -> Int {
        guard let text = self[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw OMCError.invalid(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
