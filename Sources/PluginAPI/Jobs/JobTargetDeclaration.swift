/// Work a plugin offers to the operators' scheduled jobs (`POST /monitor/job`, `invokeTarget`): a
/// name, what it does, and the typed parameters it takes. A job names a target, never code, a class
/// or a command, so an operator can only schedule what an enabled plugin offers.
public struct JobTargetDeclaration: Sendable {
    /// Unique within the plugin (`settleBatches`); jobs name it `<plugin id>.<name>` (`udm.settleBatches`).
    public let name: String
    /// One sentence for the target list.
    public let summary: String
    /// The parameters, a JSON object checked against this before every run and when a job is saved.
    public let parameters: ValueSchema
    /// The work, in the declaring plugin's context. It returns a message for the job log (`nil` for
    /// none) and throws to report a failure.
    public let run: @Sendable (_ parameters: JSONValue, _ context: PluginContext) async throws -> String?

    /// A target.
    public init(name: String, summary: String, parameters: ValueSchema,
                run: @escaping @Sendable (_ parameters: JSONValue, _ context: PluginContext) async throws -> String?) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.run = run
    }
}
