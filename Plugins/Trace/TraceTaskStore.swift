import Foundation
import PluginAPI

/// The `trace_task` table: every task with its state, so that tasks survive a restart of the OMC.
/// Times are stored as seconds since 1970, so that due tasks are found by comparison.
enum TraceTaskStore {
    static let columns = """
        id, trace_type, ne_type, ne_id, interfaces, src_ip, signal_port, start_at, end_at, state, reason,
        activated_at, finished_at, created_by, created_at, updated_at
        """

    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("create_trace_task", sql: """
            CREATE TABLE trace_task (
                id INTEGER PRIMARY KEY,
                trace_type TEXT NOT NULL,
                ne_type TEXT NOT NULL,
                ne_id TEXT NOT NULL,
                interfaces TEXT NOT NULL,
                src_ip TEXT,
                signal_port INTEGER,
                start_at INTEGER NOT NULL,
                end_at INTEGER NOT NULL,
                state TEXT NOT NULL,
                reason TEXT,
                activated_at INTEGER,
                finished_at INTEGER,
                created_by TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX trace_task_due ON trace_task (state, start_at, end_at);
            CREATE INDEX trace_task_ne ON trace_task (ne_type, ne_id)
            """)
    }

    static func find(_ id: Int, in db: any DatabaseConnection) throws -> TraceTask? {
        try db.first("SELECT \(columns) FROM trace_task WHERE id = ?", [.int(id)]).map(TraceTask.init)
    }

    static func insert(_ draft: TraceTaskDraft, createdBy: String?, now: Date, in db: any DatabaseConnection) throws -> TraceTask? {
        // The id is assigned here, as one more than the highest, so that the SQL runs on every engine.
        try db.first("""
            INSERT INTO trace_task (id, trace_type, ne_type, ne_id, interfaces, src_ip, signal_port, start_at, end_at, state,
                                    created_by, created_at, updated_at)
            VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM trace_task), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING \(columns)
            """, values(draft) + [.text(TraceTaskState.scheduled.rawValue), SQLValue.text(createdBy),
                                  seconds(now), seconds(now)]).map(TraceTask.init)
    }

    /// Replaces a task's fields and schedules it again.
    static func update(_ id: Int, with draft: TraceTaskDraft, now: Date, in db: any DatabaseConnection) throws {
        try db.execute("""
            UPDATE trace_task SET trace_type = ?, ne_type = ?, ne_id = ?, interfaces = ?, src_ip = ?, signal_port = ?,
                   start_at = ?, end_at = ?, state = ?, reason = NULL, activated_at = NULL, finished_at = NULL, updated_at = ?
            WHERE id = ?
            """, values(draft) + [.text(TraceTaskState.scheduled.rawValue), seconds(now), .int(id)])
    }

    /// Moves a task from `from` to `to`; `false` when it is no longer in `from` (deleted or changed meanwhile).
    static func transition(_ id: Int, from: TraceTaskState, to: TraceTaskState, reason: String?, now: Date,
                           in db: any DatabaseConnection) throws -> Bool {
        let stamp = switch to {
        case .running: "activated_at"
        case .finished, .failed: "finished_at"
        case .scheduled: "updated_at"
        }
        try db.execute("UPDATE trace_task SET state = ?, reason = ?, updated_at = ?, \(stamp) = ? WHERE id = ? AND state = ?",
                       [.text(to.rawValue), SQLValue.text(reason), seconds(now), seconds(now), .int(id), .text(from.rawValue)])
        return db.changedRowCount == 1
    }

    /// Notes why a scheduled task is late without changing its state.
    static func note(_ id: Int, reason: String, now: Date, in db: any DatabaseConnection) throws {
        try db.execute("UPDATE trace_task SET reason = ?, updated_at = ? WHERE id = ? AND state = ?",
                       [.text(reason), seconds(now), .int(id), .text(TraceTaskState.scheduled.rawValue)])
    }

    /// Scheduled tasks whose start has come and running tasks whose end has come.
    static func due(at now: Date, in db: any DatabaseConnection) throws -> [TraceTask] {
        try db.query("""
            SELECT \(columns) FROM trace_task
            WHERE (state = ? AND start_at <= ?) OR (state = ? AND end_at <= ?)
            ORDER BY start_at, id
            """, [.text(TraceTaskState.scheduled.rawValue), seconds(now), .text(TraceTaskState.running.rawValue), seconds(now)])
            .map(TraceTask.init)
    }

    static func seconds(_ date: Date) -> SQLValue {
        .int(Int(date.timeIntervalSince1970.rounded(.down)))
    }

    private static func values(_ draft: TraceTaskDraft) -> [SQLValue] {
        [.text(draft.traceType), .text(draft.element.neType), .text(draft.element.neID), .text(draft.interfaces.joined(separator: ",")),
         SQLValue.text(draft.srcIp), draft.signalPort.map { SQLValue.int($0) } ?? .null,
         seconds(draft.start), seconds(draft.end)]
    }
}
