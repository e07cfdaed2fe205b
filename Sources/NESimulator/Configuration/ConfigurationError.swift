/// Every mistake found in a configuration; the simulator starts only when there is none.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The mistakes, in file order.
    public let diagnostics: [ConfigurationDiagnostic]

    /// Wraps diagnostics, sorted by line.
    public init(_ diagnostics: [ConfigurationDiagnostic]) {
        self.diagnostics = diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element.line ?? .max, right = rhs.element.line ?? .max
            return left == right ? lhs.offset < rhs.offset : left < right
        }.map(\.element)
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
