/// A parsed MML command: `DSP AUTHDAT: IMSI=460000100000030;` is verb `DSP`, object `AUTHDAT`,
/// one argument `IMSI`. Verbs, objects and argument names are upper-cased; values are kept as
/// written, without their quotes.
public struct MMLCommand: Sendable, Hashable {
    /// One `NAME=value` pair.
    public struct Argument: Sendable, Hashable {
        /// Upper-cased name.
        public let name: String
        /// The value, unquoted.
        public let value: String

        /// An argument.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `DSP`, `ADD`, `DATE`, …
    public let verb: String
    /// `AUTHDAT`, `SUB`, …; `nil` for bare commands such as `date`.
    public let object: String?
    /// The arguments, in the order written.
    public let arguments: [Argument]

    /// A command.
    public init(verb: String, object: String?, arguments: [Argument]) {
        self.verb = verb
        self.object = object
        self.arguments = arguments
    }

    /// `"DSP AUTHDAT"` or `"DATE"`: the key commands are declared and looked up by.
    public var name: String { object.map { "\(verb) \($0)" } ?? verb }

    /// The value of the argument `name` (case-insensitive), or `nil`.
    public func value(_ name: String) -> String? {
        let key = name.uppercased()
        return arguments.first { $0.name == key }?.value
    }
}
