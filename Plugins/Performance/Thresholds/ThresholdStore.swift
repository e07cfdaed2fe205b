import Foundation
import PluginAPI

/// `performance_threshold` (the rules) and `performance_threshold_state` (the severity each rule
/// has raised on each NE, absent when none).
enum ThresholdStore {
    static let columns = "id, ne_type, kpi_id, ne_ids, direction, levels, alarm_code"

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.migration("v2_create_threshold", sql: """
            CREATE TABLE performance_threshold (
                id INTEGER PRIMARY KEY,
                ne_type VARCHAR(32) NOT NULL,
                kpi_id VARCHAR(128) NOT NULL,
                ne_ids TEXT NOT NULL,
                direction VARCHAR(8) NOT NULL,
                levels TEXT NOT NULL,
                alarm_code VARCHAR(64) NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE INDEX performance_threshold_type ON performance_threshold (ne_type);
            CREATE TABLE performance_threshold_state (
                rule_id INTEGER NOT NULL,
                ne_id VARCHAR(32) NOT NULL,
                severity VARCHAR(16) NOT NULL,
                PRIMARY KEY (rule_id, ne_id)
            )
            """)
    }

    static func rule(_ row: DatabaseRow) -> ThresholdRule {
        ThresholdRule(id: row.int("id") ?? 0, neType: row.string("ne_type") ?? "", kpiID: row.string("kpi_id") ?? "",
                      neIDs: MeasureTaskStore.decode([String].self, row.string("ne_ids")) ?? [],
                      direction: ThresholdRule.Direction(rawValue: row.string("direction") ?? "") ?? .up,
                      levels: MeasureTaskStore.decode([ThresholdRule.Level].self, row.string("levels")) ?? [],
                      alarmCode: row.string("alarm_code") ?? "")
    }

    static func rules(ofType neType: String, in db: any DatabaseConnection) throws -> [ThresholdRule] {
        try db.query("SELECT \(columns) FROM performance_threshold WHERE ne_type = ? ORDER BY id", [.text(neType)]).map(rule)
    }

    static func find(_ id: Int, in db: any DatabaseConnection) throws -> ThresholdRule? {
        try db.first("SELECT \(columns) FROM performance_threshold WHERE id = ?", [.int(id)]).map(rule)
    }

    static func insert(_ draft: ThresholdDraft, now: Date, in db: any DatabaseConnection) throws -> Int {
        let id = (try db.first("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM performance_threshold")?.int("next")) ?? 1
        try db.execute("""
            INSERT INTO performance_threshold (id, ne_type, kpi_id, ne_ids, direction, levels, alarm_code, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(id), .text(draft.neType), .text(draft.kpiID), .text(MeasureTaskStore.encode(draft.neIDs)),
                  .text(draft.direction.rawValue), .text(MeasureTaskStore.encode(draft.levels)), .text(draft.alarmCode),
                  MeasureTaskStore.seconds(now)])
        return id
    }

    /// The severity each NE is raised at, by NE id.
    static func states(of ruleID: Int, in db: any DatabaseConnection) throws -> [String: String] {
        var states: [String: String] = [:]
        for row in try db.query("SELECT ne_id, severity FROM performance_threshold_state WHERE rule_id = ?", [.int(ruleID)]) {
            states[row.string("ne_id") ?? ""] = row.string("severity")
        }
        return states
    }

    static func setState(_ ruleID: Int, neID: String, severity: String?, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM performance_threshold_state WHERE rule_id = ? AND ne_id = ?", [.int(ruleID), .text(neID)])
        if let severity {
            try db.execute("INSERT INTO performance_threshold_state (rule_id, ne_id, severity) VALUES (?, ?, ?)",
                           [.int(ruleID), .text(neID), .text(severity)])
        }
    }
}
