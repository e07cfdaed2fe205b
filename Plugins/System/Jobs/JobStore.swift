import Foundation
import PluginAPI

/// SQL of the operators' jobs (`system_job`). `anchor_time` is the instant up to which the job's
/// schedule was handled: the next run comes after it, so that after a restart the runs missed
/// while the OMC was down are known and the misfire policy applies to them.
enum JobStore {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_create_job", sql: """
            CREATE TABLE system_job (
                job_id BIGINT NOT NULL PRIMARY KEY,
                job_name VARCHAR(64) NOT NULL,
                job_group VARCHAR(64) NOT NULL,
                invoke_target VARCHAR(130) NOT NULL,
                target_params TEXT NOT NULL,
                cron_expression VARCHAR(200) NOT NULL,
                misfire_policy VARCHAR(1) NOT NULL,
                concurrent VARCHAR(1) NOT NULL,
                status VARCHAR(1) NOT NULL,
                create_by VARCHAR(64) NOT NULL,
                create_time BIGINT NOT NULL,
                update_by VARCHAR(64),
                update_time BIGINT,
                remark VARCHAR(500) NOT NULL,
                anchor_time BIGINT NOT NULL
            );
            CREATE UNIQUE INDEX system_job_name ON system_job (job_group, job_name)
            """)
    }

    static let columns = "job_id, job_name, job_group, invoke_target, target_params, cron_expression, misfire_policy, concurrent, status, create_by, create_time, remark, anchor_time"

    static func find(_ id: Int64, in db: any DatabaseConnection) throws -> ScheduledJob? {
        try db.first("SELECT \(columns) FROM system_job WHERE job_id = ?", [.integer(id)]).map(ScheduledJob.init)
    }

    /// The job and the instant its schedule was handled up to.
    static func anchored(_ id: Int64, in db: any DatabaseConnection) throws -> (ScheduledJob, Date)? {
        try db.first("SELECT \(columns) FROM system_job WHERE job_id = ?", [.integer(id)]).map {
            (ScheduledJob($0), Milliseconds.date(Int64($0.int("anchor_time") ?? 0)))
        }
    }

    static func activeIDs(in db: any DatabaseConnection) throws -> [Int64] {
        try db.query("SELECT job_id FROM system_job WHERE status = ? ORDER BY job_id", [.text(ScheduledJob.active)])
            .compactMap { $0.int("job_id").map(Int64.init) }
    }

    /// Refuses a second job of the same name in the same group.
    static func checkUnique(_ draft: JobDraft, except id: Int64?, in db: any DatabaseConnection) throws {
        let clash = try db.first("SELECT job_id FROM system_job WHERE job_group = ? AND job_name = ? AND job_id <> ?",
                                 [.text(draft.jobGroup), .text(draft.jobName), .integer(id ?? -1)])
        if clash != nil {
            throw OMCError(.conflict, "jobName: a job named '\(draft.jobName)' already exists in group '\(draft.jobGroup)'")
        }
    }

    static func insert(_ draft: JobDraft, by user: String, now: Date, in db: any DatabaseConnection) throws -> Int64 {
        try checkUnique(draft, except: nil, in: db)
        let next = Int64(try db.first("SELECT COALESCE(MAX(job_id), 0) + 1 AS next FROM system_job")?.int("next") ?? 1)
        let time = Milliseconds.of(now)
        try db.execute("""
            INSERT INTO system_job (job_id, job_name, job_group, invoke_target, target_params, cron_expression, misfire_policy,
                                    concurrent, status, create_by, create_time, remark, anchor_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(next), .text(draft.jobName), .text(draft.jobGroup), .text(draft.invokeTarget), .text(draft.targetParams),
                  .text(draft.cron.text), .text(draft.misfirePolicy), .text(draft.concurrent), .text(draft.status), .text(user),
                  .integer(time), .text(draft.remark), .integer(time)])
        return next
    }

    /// Changes every member; the schedule starts afresh from `now`.
    static func update(_ id: Int64, _ draft: JobDraft, by user: String, now: Date, in db: any DatabaseConnection) throws {
        guard try find(id, in: db) != nil else { throw OMCError.notFound("job \(id) does not exist") }
        try checkUnique(draft, except: id, in: db)
        let time = Milliseconds.of(now)
        try db.execute("""
            UPDATE system_job SET job_name = ?, job_group = ?, invoke_target = ?, target_params = ?, cron_expression = ?,
                   misfire_policy = ?, concurrent = ?, status = ?, remark = ?, update_by = ?, update_time = ?, anchor_time = ?
            WHERE job_id = ?
            """, [.text(draft.jobName), .text(draft.jobGroup), .text(draft.invokeTarget), .text(draft.targetParams), .text(draft.cron.text),
                  .text(draft.misfirePolicy), .text(draft.concurrent), .text(draft.status), .text(draft.remark), .text(user),
                  .integer(time), .integer(time), .integer(id)])
    }

    static func setStatus(_ id: Int64, _ status: String, by user: String, now: Date, in db: any DatabaseConnection) throws {
        let time = Milliseconds.of(now)
        try db.execute("UPDATE system_job SET status = ?, update_by = ?, update_time = ?, anchor_time = ? WHERE job_id = ?",
                       [.text(status), .text(user), .integer(time), .integer(time), .integer(id)])
        guard db.changedRowCount == 1 else { throw OMCError.notFound("job \(id) does not exist") }
    }

    static func setAnchor(_ id: Int64, _ anchor: Date, in db: any DatabaseConnection) throws {
        try db.execute("UPDATE system_job SET anchor_time = ? WHERE job_id = ?", [.integer(Milliseconds.of(anchor)), .integer(id)])
    }

    /// Deletes all of `ids` or none: a missing one is named.
    static func delete(_ ids: [Int64], in db: any DatabaseConnection) throws {
        for id in ids where try find(id, in: db) == nil {
            throw OMCError.notFound("job \(id) does not exist; nothing was deleted")
        }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try db.execute("DELETE FROM system_job WHERE job_id IN (\(marks))", ids.map(SQLValue.integer))
    }
}
