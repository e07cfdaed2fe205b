public import PluginAPI

/// Why a line is not a well-formed MML command, and where.
public struct MMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (in characters) where the problem starts.
    public let column: Int
    /// What is wrong.
    public let problem: LocalizedMessage

    /// An error at `column`.
    public init(column: Int, problem: LocalizedMessage) {
        self.column = column
        self.problem = problem
    }

    /// `"column 12: expected '=' after IMSI"`.
    public var description: String { localized.english }

    /// The same, rendered in the caller's language.
    public var localized: LocalizedMessage { "column \(column): \(problem)" }

    /// Errors are equal when they name the same column and read the same in English.
    public static func == (lhs: MMLSyntaxError, rhs: MMLSyntaxError) -> Bool {
        lhs.column == rhs.column && lhs.problem.english == rhs.problem.english
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(column)
        hasher.combine(problem.english)
    }
}
