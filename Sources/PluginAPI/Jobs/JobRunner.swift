/// The host's scheduler as a plugin sees it (`context.jobs`): the job targets every enabled plugin
/// offers, the jobs the plugins declared for the host to run, and running a target with checked
/// parameters. The System plugin keeps the operators' jobs and their log on top of it.
public protocol JobRunner: Sendable {
    /// Every target the enabled plugins registered, sorted by key.
    var targets: [JobTargetInfo] { get }
    /// Every job the enabled plugins declared with `job(_:schedule:summary:_:)`, which the host runs.
    var declaredJobs: [DeclaredJobInfo] { get }
    /// Why `parameters` cannot be given to `target`: the target is unknown, or the parameters break its
    /// schema (one message naming every failing field); `nil` when they can.
    func refusal(target: String, parameters: JSONValue) -> OMCError?
    /// Runs `target` with `parameters` in its plugin's context, after checking them as ``refusal(target:parameters:)``
    /// does; returns the target's message and throws its failure.
    func run(target: String, parameters: JSONValue) async throws -> String?
}

/// A job target, as ``JobRunner/targets`` lists it.
public struct JobTargetInfo: Sendable, Hashable {
    /// `<plugin id>.<name>`, what a job's `invokeTarget` holds.
    public let key: String
    /// The plugin that offers it.
    public let pluginID: String
    /// One sentence.
    public let summary: String
    /// The parameters it takes.
    public let parameters: ValueSchema

    /// A target description.
    public init(key: String, pluginID: String, summary: String, parameters: ValueSchema) {
        self.key = key
        self.pluginID = pluginID
        self.summary = summary
        self.parameters = parameters
    }
}

/// A job a plugin declared for the host's scheduler, as ``JobRunner/declaredJobs`` lists it.
public struct DeclaredJobInfo: Sendable, Hashable {
    /// The plugin that declared it.
    public let pluginID: String
    /// Its name within the plugin.
    public let name: String
    /// When it runs.
    public let schedule: JobSchedule
    /// One sentence.
    public let summary: String

    /// A declared job.
    public init(pluginID: String, name: String, schedule: JobSchedule, summary: String) {
        self.pluginID = pluginID
        self.name = name
        self.schedule = schedule
        self.summary = summary
    }
}

/// What a context holds when no host built it (a plugin's own unit tests): no targets, no jobs.
public struct NoJobRunner: JobRunner {
    /// The runner.
    public init() {}
    /// None.
    public var targets: [JobTargetInfo] { [] }
    /// None.
    public var declaredJobs: [DeclaredJobInfo] { [] }
    /// Every target is unknown.
    public func refusal(target: String, parameters: JSONValue) -> OMCError? {
        OMCError.invalid("invokeTarget", "'\(target)' is not a job target of an enabled plugin")
    }
    /// Every target is unknown.
    public func run(target: String, parameters: JSONValue) async throws -> String? {
        throw OMCError.invalid("invokeTarget", "'\(target)' is not a job target of an enabled plugin")
    }
}
