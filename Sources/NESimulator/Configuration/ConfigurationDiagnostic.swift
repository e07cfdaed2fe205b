/// One mistake in the simulator's configuration: where it is and what is wrong.
public struct ConfigurationDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file as given on the command line, or `--generate` for the generator's argument.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// What is wrong and what is expected instead.
    public let problem: String

    /// A diagnostic.
    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// `sim.yaml:7: unknown key 'prot' in an NE; expected one of: …`
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(problem)"
    }
}
