import Foundation
import PluginAPI

/// The `performance_task` and `performance_task_ne` tables.
enum MeasureTaskStore {
    static let columns = """
        id, ne_type, ne_ids, kpi_set, schedule, periods, start_at, end_at, granularity, status, created_by, created_at, updated_at
        """

    static func find(_ id: Int, in db: any DatabaseConnection) throws -> MeasureTask? {
        try db.first("SELECT \(columns) FROM performance_task WHERE id = ?", [.int(id)]).map(task)
    }

    /// Every task that names `neType`, for completeness and the retry job.
    static func tasks(ofType neType: String, in db: any DatabaseConnection) throws -> [MeasureTask] {
        try db.query("SELECT \(columns) FROM performance_task WHERE ne_type = ? ORDER BY id", [.text(neType)]).map(task)
    }

    static func task(_ row: DatabaseRow) -> MeasureTask {
        MeasureTask(id: row.int("id") ?? 0, neType: row.string("ne_type") ?? "",
                    neIDs: decode([String].self, row.string("ne_ids")) ?? [],
                    kpiSet: decode([KPIGroup].self, row.string("kpi_set")) ?? [],
                    schedule: decode([ScheduleRule].self, row.string("schedule")) ?? [],
                    periods: decode([DayWindow].self, row.string("periods")) ?? [],
                    start: row.int("start_at").map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    end: row.int("end_at").map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    granularity: row.int("granularity") ?? 15,
                    status: TaskStatus(rawValue: row.string("status") ?? "") ?? .inactive,
                    createdBy: row.string("created_by"),
                    createdAt: Date(timeIntervalSince1970: TimeInterval(row.int("created_at") ?? 0)),
                    updatedAt: Date(timeIntervalSince1970: TimeInterval(row.int("updated_at") ?? 0)))
    }

    /// Inserts a task numbered `id`, or the next free number; 409 when `id` is taken. Its NEs start
    /// `pending`.
    static func insert(_ draft: MeasureTaskDraft, id: Int?, createdBy: String?, now: Date, in db: any DatabaseConnection) throws -> MeasureTask {
        let number: Int
        if let id {
            guard try find(id, in: db) == nil else { throw OMCError(.conflict, "measurement task \(id) already exists") }
            number = id
        } else {
            number = (try db.first("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM performance_task")?.int("next")) ?? 1
        }
        try db.execute("""
            INSERT INTO performance_task (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [SQLValue.int(number)] + values(draft) + [SQLValue.text(createdBy), seconds(now), seconds(now)])
        try track(number, neIDs: draft.neIDs, now: now, in: db)
        guard let task = try find(number, in: db) else { throw OMCError(.internal, "the new measurement task could not be read back") }
        return task
    }

    /// Replaces a task's fields; every NE of it is to be told again (`pending`), NEs no longer named
    /// keep their row until they confirm the removal.
    static func update(_ id: Int, with draft: MeasureTaskDraft, now: Date, in db: any DatabaseConnection) throws {
        try db.execute("""
            UPDATE performance_task SET ne_type = ?, ne_ids = ?, kpi_set = ?, schedule = ?, periods = ?, start_at = ?, end_at = ?,
                   granularity = ?, status = ?, updated_at = ? WHERE id = ?
            """, values(draft) + [seconds(now), .int(id)])
        try db.execute("UPDATE performance_task_ne SET state = ?, attempts = 0, updated_at = ? WHERE task_id = ?",
                       [.text(NETaskState.pending.rawValue), seconds(now), .int(id)])
        try track(id, neIDs: draft.neIDs, now: now, in: db)
    }

    /// Marks a task deleted: its NEs are to remove it.
    static func markDeleting(_ id: Int, now: Date, in db: any DatabaseConnection) throws {
        try db.execute("UPDATE performance_task SET status = ?, updated_at = ? WHERE id = ?",
                       [.text(TaskStatus.deleting.rawValue), seconds(now), .int(id)])
        try db.execute("UPDATE performance_task_ne SET state = ?, attempts = 0, updated_at = ? WHERE task_id = ?",
                       [.text(NETaskState.pending.rawValue), seconds(now), .int(id)])
    }

    /// Adds a `pending` row for each NE of the task that has none.
    private static func track(_ id: Int, neIDs: [String], now: Date, in db: any DatabaseConnection) throws {
        for neID in neIDs {
            try db.execute("""
                INSERT INTO performance_task_ne (task_id, ne_id, state, reason, attempts, updated_at) VALUES (?, ?, ?, NULL, 0, ?)
                ON CONFLICT (task_id, ne_id) DO NOTHING
                """, [.int(id), .text(neID), .text(NETaskState.pending.rawValue), seconds(now)])
        }
    }

    /// The NE rows of a task, by NE id.
    static func elements(of id: Int, in db: any DatabaseConnection) throws -> [TaskElement] {
        try db.query("SELECT task_id, ne_id, state, reason, attempts, updated_at FROM performance_task_ne WHERE task_id = ? ORDER BY ne_id",
                     [.int(id)]).map(TaskElement.init)
    }

    /// Records what an NE did; a confirmed removal drops the row. Applies only while the task is
    /// still at `version` (its `updated_at`), so an answer to an older version never overwrites a
    /// newer change.
    static func record(_ outcome: DeliveryOutcome, task id: Int, version: Date, now: Date, in db: any DatabaseConnection) throws {
        guard try db.first("SELECT id FROM performance_task WHERE id = ? AND updated_at = ?", [.int(id), seconds(version)]) != nil else { return }
        switch outcome.result {
        case .removed:
            try db.execute("DELETE FROM performance_task_ne WHERE task_id = ? AND ne_id = ?", [.int(id), .text(outcome.neID)])
        case .holds(let state):
            try db.execute("UPDATE performance_task_ne SET state = ?, reason = NULL, attempts = 0, updated_at = ? WHERE task_id = ? AND ne_id = ?",
                           [.text(state.rawValue), seconds(now), .int(id), .text(outcome.neID)])
        case .failed(let state, let reason):
            try db.execute("""
                UPDATE performance_task_ne SET state = ?, reason = ?, attempts = attempts + 1, updated_at = ? WHERE task_id = ? AND ne_id = ?
                """, [.text(state.rawValue), .text(StoredText.bounded(reason, limit: 1000)), seconds(now), .int(id), .text(outcome.neID)])
        }
        // A deleted task goes once no NE holds it any more.
        try db.execute("""
            DELETE FROM performance_task WHERE id = ? AND status = ? AND NOT EXISTS (SELECT 1 FROM performance_task_ne WHERE task_id = ?)
            """, [.int(id), .text(TaskStatus.deleting.rawValue), .int(id)])
    }

    /// Tasks with an NE still to be told (pending, refused, unreachable, or no longer named).
    static func undelivered(in db: any DatabaseConnection) throws -> [Int] {
        try db.query("""
            SELECT DISTINCT task_id FROM performance_task_ne WHERE state IN (?, ?, ?) ORDER BY task_id
            """, [.text(NETaskState.pending.rawValue), .text(NETaskState.refused.rawValue), .text(NETaskState.unreachable.rawValue)])
            .compactMap { $0.int("task_id") }
    }

    private static func values(_ draft: MeasureTaskDraft) -> [SQLValue] {
        [.text(draft.neType), .text(encode(draft.neIDs)), .text(encode(draft.kpiSet)), .text(encode(draft.schedule)),
         .text(encode(draft.periods)), draft.start.map(seconds) ?? .null, draft.end.map(seconds) ?? .null,
         .int(draft.granularity), .text(draft.status.rawValue)]
    }

    static func seconds(_ date: Date) -> SQLValue { .integer(Int64(date.timeIntervalSince1970.rounded(.down))) }

    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String?) -> Value? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
