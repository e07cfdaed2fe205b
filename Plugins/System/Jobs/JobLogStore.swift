import Foundation
import PluginAPI

/// SQL of the job log (`system_job_log`): one row per run, never updated.
enum JobLogStore {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_create_job_log", sql: """
            CREATE TABLE system_job_log (
                job_log_id BIGINT NOT NULL PRIMARY KEY,
                job_id VARCHAR(130) NOT NULL,
                job_name VARCHAR(64) NOT NULL,
                job_group VARCHAR(64) NOT NULL,
                invoke_target VARCHAR(130) NOT NULL,
                target_params TEXT NOT NULL,
                job_msg TEXT NOT NULL,
                status VARCHAR(1) NOT NULL,
                start_time BIGINT NOT NULL,
                end_time BIGINT NOT NULL,
                duration_ms BIGINT NOT NULL,
                trigger_kind VARCHAR(16) NOT NULL
            );
            CREATE INDEX system_job_log_start ON system_job_log (start_time)
            """)
        plugin.appendOnly("system_job_log")
    }

    static let columns = "job_log_id, job_id, job_name, job_group, invoke_target, target_params, job_msg, status, start_time, end_time, duration_ms, trigger_kind"

    static func insert(_ run: JobLogEntry.Run, in db: any DatabaseConnection) throws {
        let next = Int64(try db.first("SELECT COALESCE(MAX(job_log_id), 0) + 1 AS next FROM system_job_log")?.int("next") ?? 1)
        let started = Milliseconds.of(run.startedAt), ended = Milliseconds.of(run.endedAt)
        try db.execute("""
            INSERT INTO system_job_log (job_log_id, job_id, job_name, job_group, invoke_target, target_params, job_msg, status,
                                        start_time, end_time, duration_ms, trigger_kind)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(next), .text(run.jobId), .text(StoredText.bounded(run.jobName, limit: 64)), .text(run.jobGroup),
                  .text(run.invokeTarget), .text(run.targetParams), .text(StoredText.bounded(run.jobMsg, limit: 4000)),
                  .text(run.failure == nil ? JobLogEntry.succeeded : JobLogEntry.failed), .integer(started), .integer(ended),
                  .integer(max(0, ended - started)), .text(run.trigger)])
    }

    /// Removes entries that started before `cutoff`; returns how many.
    static func purge(before cutoff: Date, in db: any DatabaseConnection) throws -> Int {
        try db.execute("DELETE FROM system_job_log WHERE start_time < ?", [.integer(Milliseconds.of(cutoff))])
        return db.changedRowCount
    }
}
