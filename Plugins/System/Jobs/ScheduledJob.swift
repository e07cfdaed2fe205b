import Foundation
import PluginAPI

/// An operator's scheduled job, as the document shows it (every member a string), or a job the host
/// runs for a plugin (``readOnly``), listed so that operators see everything that runs.
struct ScheduledJob: Sendable, Encodable {
    let jobId: String
    let jobName: String
    let jobGroup: String
    let invokeTarget: String
    let targetParams: String
    let cronExpression: String
    let misfirePolicy: String
    let concurrent: String
    let status: String
    let createBy: String
    let createTime: String
    let remark: String
    /// `true` for the host's own jobs: they cannot be changed, paused, run or deleted here.
    let readOnly: Bool

    /// The group of the host's jobs.
    static let hostGroup = "SYSTEM"

    /// `status`: the job runs on its schedule.
    static let active = "1"
    /// `status`: the job is kept but does not run.
    static let inactive = "0"
    /// `concurrent`: a run may start while the previous one is going.
    static let concurrentAllowed = "0"

    var isActive: Bool { status == Self.active }
    var allowsConcurrentRuns: Bool { concurrent == Self.concurrentAllowed }

    init(jobId: String, jobName: String, jobGroup: String, invokeTarget: String, targetParams: String, cronExpression: String,
         misfirePolicy: String, concurrent: String, status: String, createBy: String, createTime: String, remark: String,
         readOnly: Bool) {
        self.jobId = jobId
        self.jobName = jobName
        self.jobGroup = jobGroup
        self.invokeTarget = invokeTarget
        self.targetParams = targetParams
        self.cronExpression = cronExpression
        self.misfirePolicy = misfirePolicy
        self.concurrent = concurrent
        self.status = status
        self.createBy = createBy
        self.createTime = createTime
        self.remark = remark
        self.readOnly = readOnly
    }

    init(_ row: DatabaseRow) {
        self.init(jobId: String(row.int("job_id") ?? 0), jobName: row.string("job_name") ?? "", jobGroup: row.string("job_group") ?? "",
                  invokeTarget: row.string("invoke_target") ?? "", targetParams: row.string("target_params") ?? "",
                  cronExpression: row.string("cron_expression") ?? "", misfirePolicy: row.string("misfire_policy") ?? "0",
                  concurrent: row.string("concurrent") ?? "1", status: row.string("status") ?? Self.inactive,
                  createBy: row.string("create_by") ?? "", createTime: String(row.int("create_time") ?? 0),
                  remark: row.string("remark") ?? "", readOnly: false)
    }

    /// A job the host runs for `job.pluginID`, keyed `<plugin id>.<name>` (never a number, so it cannot
    /// collide with an operator's job).
    init(declared job: DeclaredJobInfo, startedAt: Date) {
        let key = "\(job.pluginID).\(job.name)"
        self.init(jobId: key, jobName: job.name, jobGroup: Self.hostGroup, invokeTarget: key, targetParams: "",
                  cronExpression: job.schedule.description, misfirePolicy: "0", concurrent: "1", status: Self.active,
                  createBy: job.pluginID, createTime: String(Milliseconds.of(startedAt)), remark: job.summary, readOnly: true)
    }

    /// The parameters as JSON (`{}` when empty).
    var parameters: JSONValue {
        get throws {
            guard !targetParams.trimmingCharacters(in: .whitespaces).isEmpty else { return .object([:]) }
            return try JSONBody.decode(JSONValue.self, from: Array(targetParams.utf8))
        }
    }
}
