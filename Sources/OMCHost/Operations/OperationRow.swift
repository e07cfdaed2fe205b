import Foundation
import GRDB
import PluginAPI

/// An operation as the table `omc_operation` keeps it. Portable SQL: text ids the host assigns,
/// standard types, timestamps as sortable UTC text, lists and results as JSON text.
struct OperationRow: Sendable {
    static let createTable = """
        CREATE TABLE IF NOT EXISTS omc_operation (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            plugin_id TEXT NOT NULL,
            owner_id TEXT,
            owner_name TEXT,
            state TEXT NOT NULL,
            phase TEXT NOT NULL,
            done BIGINT NOT NULL,
            total BIGINT,
            rate DOUBLE PRECISION NOT NULL,
            errors TEXT NOT NULL,
            error_count BIGINT NOT NULL,
            result TEXT,
            message TEXT,
            cancel_requested BOOLEAN NOT NULL,
            settlement TEXT,
            request_id TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT
        )
        """

    let snapshot: OperationSnapshot
    let requestID: String?

    init(_ snapshot: OperationSnapshot, requestID: String?) {
        self.snapshot = snapshot
        self.requestID = requestID
    }

    func insert(_ db: Database) throws {
        let s = snapshot
        try db.execute(sql: """
            INSERT INTO omc_operation (id, kind, title, plugin_id, owner_id, owner_name, state, phase, done, total, rate, errors,
                error_count, result, message, cancel_requested, settlement, request_id, started_at, ended_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [s.operationId, s.kind, s.title, s.pluginId, s.ownerId, s.owner, s.state.rawValue, s.phase, s.done, s.total,
                             s.rate, Self.json(s.errors), s.errorCount, s.result.map { Self.json($0) }, s.message, s.cancelRequested,
                             s.settlement, requestID, s.startedAt, s.endedAt])
    }

    /// Writes what changes while an operation runs and when it ends.
    func update(_ db: Database) throws {
        let s = snapshot
        try db.execute(sql: """
            UPDATE omc_operation SET state = ?, phase = ?, done = ?, total = ?, rate = ?, errors = ?, error_count = ?, result = ?,
                message = ?, cancel_requested = ?, ended_at = ? WHERE id = ?
            """, arguments: [s.state.rawValue, s.phase, s.done, s.total, s.rate, Self.json(s.errors), s.errorCount,
                             s.result.map { Self.json($0) }, s.message, s.cancelRequested, s.endedAt, s.operationId])
    }

    static func decode(_ row: Row) -> OperationSnapshot {
        let errors: String = row["errors"] ?? "[]"
        let result: String? = row["result"]
        return OperationSnapshot(
            operationId: row["id"] ?? "", kind: row["kind"] ?? "", title: row["title"] ?? "", pluginId: row["plugin_id"] ?? "",
            ownerId: row["owner_id"], owner: row["owner_name"],
            state: (row["state"] as String?).flatMap(OperationState.init(rawValue:)) ?? .interrupted,
            phase: row["phase"] ?? "", done: row["done"] ?? 0, total: row["total"], rate: row["rate"] ?? 0,
            errors: (try? JSONDecoder().decode([String].self, from: Data(errors.utf8))) ?? [], errorCount: row["error_count"] ?? 0,
            result: result.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }, message: row["message"],
            cancelRequested: row["cancel_requested"] ?? false, settlement: row["settlement"], startedAt: row["started_at"] ?? "",
            endedAt: row["ended_at"])
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
