import Foundation
import PluginAPI

/// One run of a job, as the document's job log shows it, plus when it started and ended, how long
/// it took and what started it.
struct JobLogEntry: Sendable, Encodable {
    let jobLogId: String
    let jobId: String
    let jobName: String
    let jobGroup: String
    let invokeTarget: String
    let targetParams: String
    /// `{"jobId":"3","message":"…"}` on success, `{"name":"Error","message":"…"}` on failure.
    let jobMsg: String
    /// `1` succeeded, `0` failed (or was skipped).
    let status: String
    let createTime: String
    let startTime: String
    let endTime: String
    let durationMs: Int
    /// `schedule`, `misfire` (a late or made-up run), `manual` (run now) or `host` (a host's job).
    let trigger: String

    static let succeeded = "1"
    static let failed = "0"

    init(_ row: DatabaseRow) {
        jobLogId = String(row.int("job_log_id") ?? 0)
        jobId = row.string("job_id") ?? ""
        jobName = row.string("job_name") ?? ""
        jobGroup = row.string("job_group") ?? ""
        invokeTarget = row.string("invoke_target") ?? ""
        targetParams = row.string("target_params") ?? ""
        jobMsg = row.string("job_msg") ?? ""
        status = row.string("status") ?? Self.failed
        createTime = String(row.int("start_time") ?? 0)
        startTime = createTime
        endTime = String(row.int("end_time") ?? 0)
        durationMs = row.int("duration_ms") ?? 0
        trigger = row.string("trigger_kind") ?? ""
    }

    /// What a finished run left, ready to store.
    struct Run: Sendable {
        let jobId: String
        let jobName: String
        let jobGroup: String
        let invokeTarget: String
        let targetParams: String
        let startedAt: Date
        let endedAt: Date
        let message: String?
        let failure: String?
        let trigger: String

        var jobMsg: String {
            let members: [String: JSONValue] = failure.map { ["name": "Error", "message": .string($0)] }
                ?? ["jobId": .string(jobId), "message": .string(message ?? "completed")]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(JSONValue.object(members))) ?? Data(), as: UTF8.self)
        }
    }
}
