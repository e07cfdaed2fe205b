/// An MML command an NE understands: a verb and an object (`DSP CFG`, or `DATE` with no object)
/// and what running it does.
public struct MMLCommand: Sendable {
    /// Runs the command for one NE.
    public typealias Handler = @Sendable (MMLInvocation, NEContext) async -> MMLOutcome

    /// Verb, like `DSP`.
    public let verb: String
    /// Object, like `CFG`; empty for one-word commands like `date`.
    public let object: String
    /// One line of help.
    public let summary: String
    /// What the command does.
    public let handler: Handler

    /// A command.
    public init(verb: String, object: String = "", summary: String, handler: @escaping Handler) {
        self.verb = verb.uppercased()
        self.object = object.uppercased()
        self.summary = summary
        self.handler = handler
    }

    /// `VERB OBJECT`, the key the command is looked up by.
    public var key: String { MMLInvocation.key(verb: verb, object: object) }
}
