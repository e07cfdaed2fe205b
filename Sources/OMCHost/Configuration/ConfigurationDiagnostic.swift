/// One mistake in `plugins.yaml`: where it is, what is wrong, what to do.
public struct ConfigurationDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file, as given to the host.
    public let file: String
    /// 1-based line, when the mistake has one.
    public let line: Int?
    /// What is wrong.
    public let problem: String
    /// What to do about it.
    public let fix: String

    /// A diagnostic.
    public init(file: String, line: Int?, problem: String, fix: String) {
        self.file = file
        self.line = line
        self.problem = problem
        self.fix = fix
    }

    /// `plugins.yaml:12: unknown plugin 'udn'; use one of: pcf, udm`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(problem); \(fix)"
    }
}

/// Every mistake found in a configuration; nothing starts while there is one.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The mistakes, in file order.
    public let diagnostics: [ConfigurationDiagnostic]

    /// Wraps diagnostics.
    public init(_ diagnostics: [ConfigurationDiagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.line ?? .max) < ($1.line ?? .max) }
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
