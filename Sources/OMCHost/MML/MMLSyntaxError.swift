/// Why a line is not a well-formed MML command, and where.
public struct MMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (in characters) where the problem starts.
    public let column: Int
    /// What is wrong.
    public let problem: String

    /// An error at `column`.
    public init(column: Int, problem: String) {
        self.column = column
        self.problem = problem
    }

    /// `"column 12: expected '=' after IMSI"`.
    public var description: String { "column \(column): \(problem)" }
}
