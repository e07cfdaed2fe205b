public import Foundation

/// Published by the host after every run of a scheduled job, so that a plugin can keep the job log.
public struct JobRunFinished: OMCEvent {
    /// `job.runFinished`.
    public static let eventName = "job.runFinished"
    /// The plugin that declared the job.
    public let pluginID: String
    /// The job's name.
    public let jobName: String
    /// When the run started.
    public let startedAt: Date
    /// How long it took.
    public let durationMilliseconds: Int
    /// `nil` on success, the failure in words otherwise.
    public let failure: String?

    /// An event.
    public init(pluginID: String, jobName: String, startedAt: Date, durationMilliseconds: Int, failure: String?) {
        self.pluginID = pluginID
        self.jobName = jobName
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.failure = failure
    }
}
