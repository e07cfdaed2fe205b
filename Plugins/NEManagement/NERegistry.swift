import Foundation
import PluginAPI

/// The `ne_info` table: every registered NE with its last polled state.
enum NERegistry {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_ne_info", sql: """
            CREATE TABLE ne_info (
                ne_type TEXT NOT NULL,
                ne_id TEXT NOT NULL,
                ne_name TEXT NOT NULL,
                ip TEXT NOT NULL,
                port INTEGER NOT NULL,
                pv_flag TEXT NOT NULL,
                province TEXT NOT NULL,
                vendor_name TEXT NOT NULL,
                dn TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'unknown',
                state_reason TEXT,
                state_changed_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (ne_type, ne_id)
            );
            CREATE INDEX ne_info_by_name ON ne_info (ne_name)
            """)
    }

    static let columns = "ne_type, ne_id, ne_name, ip, port, pv_flag, province, vendor_name, dn, state, state_reason, state_changed_at"

    static func element(_ row: DatabaseRow) -> NetworkElement {
        NetworkElement(neType: row.string("ne_type") ?? "", neID: row.string("ne_id") ?? "", name: row.string("ne_name") ?? "",
                       ip: row.string("ip") ?? "", port: row.int("port") ?? 0, pvFlag: row.string("pv_flag") ?? "",
                       province: row.string("province") ?? "", vendorName: row.string("vendor_name") ?? "", dn: row.string("dn") ?? "")
    }

    static func find(type: String, id: String, in db: any DatabaseConnection) throws -> DatabaseRow? {
        try db.first("SELECT \(columns) FROM ne_info WHERE ne_type = ? AND ne_id = ?", [.text(type.uppercased()), .text(id)])
    }

    static func all(type: String?, in db: any DatabaseConnection) throws -> [NetworkElement] {
        if let type {
            return try db.query("SELECT \(columns) FROM ne_info WHERE ne_type = ? ORDER BY ne_id", [.text(type.uppercased())]).map(element)
        }
        return try db.query("SELECT \(columns) FROM ne_info ORDER BY ne_type, ne_id", []).map(element)
    }

    /// Records a polled state; returns whether it changed.
    static func recordState(of element: NetworkElement, online: Bool, reason: String?, at time: Date,
                            in db: any DatabaseConnection) throws -> Bool {
        let state = online ? "online" : "offline"
        try db.execute("""
            UPDATE ne_info SET state = ?, state_reason = ?, state_changed_at = ?
            WHERE ne_type = ? AND ne_id = ? AND state <> ?
            """, [.text(state), .text(reason), .text(DocumentTime.format(time)), .text(element.neType), .text(element.neID), .text(state)])
        return db.changedRowCount == 1
    }

    /// The host's NE gateway looks NEs up here.
    struct Directory: NEDirectory {
        func element(type: String, id: String, _ context: PluginContext) async throws -> NetworkElement? {
            try await context.database.read { db in try NERegistry.find(type: type, id: id, in: db).map(NERegistry.element) }
        }

        func elements(type: String?, _ context: PluginContext) async throws -> [NetworkElement] {
            try await context.database.read { db in try NERegistry.all(type: type, in: db) }
        }
    }
}
