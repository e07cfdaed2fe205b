import Foundation
import PluginAPI

/// The software tables: packages kept by the OMC (`nemaint_package`) and the OMC's view of each NE's
/// software (`nemaint_ne_software`), whose `operation_id` is the NE's lock: one operation per NE.
enum SoftwareTables {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_create_software", sql: """
            CREATE TABLE nemaint_package (
                ne_type VARCHAR(32) NOT NULL,
                version VARCHAR(64) NOT NULL,
                file_name VARCHAR(255) NOT NULL,
                size BIGINT NOT NULL,
                sha256 VARCHAR(64) NOT NULL,
                uploaded_by VARCHAR(128),
                uploaded_at BIGINT NOT NULL,
                PRIMARY KEY (ne_type, version)
            );
            CREATE TABLE nemaint_ne_software (
                ne_type VARCHAR(32) NOT NULL,
                ne_id VARCHAR(64) NOT NULL,
                running_version VARCHAR(64),
                previous_version VARCHAR(64),
                packages VARCHAR(4000),
                checked_at BIGINT,
                operation_id VARCHAR(64),
                operation VARCHAR(32),
                target_version VARCHAR(255),
                last_result VARCHAR(2000),
                PRIMARY KEY (ne_type, ne_id)
            )
            """)
    }

    static let packageColumns = "ne_type, version, file_name, size, sha256, uploaded_by, uploaded_at"

    // MARK: NE locks

    /// Takes NE `type`/`id` for operation `operationID`; a 409 naming the running operation when
    /// another holds it.
    static func claim(_ type: String, _ id: String, operationID: String, operation: String, target: String?,
                      _ context: PluginContext) async throws {
        try await context.database.write { db in
            try db.execute("INSERT INTO nemaint_ne_software (ne_type, ne_id) VALUES (?, ?) ON CONFLICT (ne_type, ne_id) DO NOTHING",
                           [.text(type), .text(id)])
            try db.execute("""
                UPDATE nemaint_ne_software SET operation_id = ?, operation = ?, target_version = ?
                WHERE ne_type = ? AND ne_id = ? AND operation_id IS NULL
                """, [.text(operationID), .text(operation), .text(target), .text(type), .text(id)])
            guard db.changedRowCount == 1 else {
                let row = try db.first("SELECT operation_id, operation, target_version FROM nemaint_ne_software WHERE ne_type = ? AND ne_id = ?",
                                       [.text(type), .text(id)])
                let holder = row?.string("operation_id") ?? "?"
                let running = [row?.string("operation"), row?.string("target_version")].compactMap { $0 }.joined(separator: " ")
                throw OMCError(.conflict, "NE \(type)/\(id) is busy with operation \(holder) (\(running)); one operation per NE at a time")
            }
        }
    }

    /// Gives NE `type`/`id` back, if `operationID` still holds it.
    static func release(_ type: String, _ id: String, operationID: String, _ context: PluginContext) async {
        do {
            try await context.database.write { db in
                try db.execute("""
                    UPDATE nemaint_ne_software SET operation_id = NULL, operation = NULL, target_version = NULL
                    WHERE ne_type = ? AND ne_id = ? AND operation_id = ?
                    """, [.text(type), .text(id), .text(operationID)])
            }
        } catch {
            context.logger.error("could not release NE \(type)/\(id) after operation \(operationID): \(error)")
        }
    }

    /// Gives back every NE: at start, the operations a stop left are over (the host marks them
    /// interrupted). Each one's settlement says so; the NE's software is read from the NE when next asked.
    static func releaseAll(_ context: PluginContext) async throws {
        let held = try await context.database.write { db -> [DatabaseRow] in
            let rows = try db.query("SELECT ne_type, ne_id, operation_id, operation, target_version FROM nemaint_ne_software WHERE operation_id IS NOT NULL", [])
            try db.execute("UPDATE nemaint_ne_software SET operation_id = NULL, operation = NULL, target_version = NULL WHERE operation_id IS NOT NULL")
            return rows
        }
        for row in held {
            guard let id = row.string("operation_id") else { continue }
            let key = "\(row.string("ne_type") ?? "?")/\(row.string("ne_id") ?? "?")"
            let what = [row.string("operation"), row.string("target_version")].compactMap { $0 }.joined(separator: " ")
            await context.operations.settled(id, "NE \(key) was given back after the stop (\(what)); its software state is what the NE reports when next asked")
            context.logger.warning("operation \(id) (\(what)) on NE \(key) was interrupted by a stop; the NE is given back")
        }
    }

    // MARK: the OMC's view of an NE

    /// Records what the NE reported (`state`), or that its version is unknown (`nil`), with `result`.
    static func record(_ type: String, _ id: String, state: NESoftwareState?, result: String?, _ context: PluginContext) async throws {
        let now = context.clock.now().milliseconds
        let packages = state.map { $0.packages.joined(separator: ",") }
        try await context.database.write { db in
            try db.execute("INSERT INTO nemaint_ne_software (ne_type, ne_id) VALUES (?, ?) ON CONFLICT (ne_type, ne_id) DO NOTHING",
                           [.text(type), .text(id)])
            try db.execute("""
                UPDATE nemaint_ne_software SET running_version = ?, previous_version = ?, packages = ?, checked_at = ?,
                    last_result = COALESCE(?, last_result)
                WHERE ne_type = ? AND ne_id = ?
                """, [.text(state?.running), .text(state?.previous), .text(packages.map { StoredText.bounded($0, limit: 4000) }),
                      .int(now), .text(result.map { StoredText.bounded($0, limit: 2000) }), .text(type), .text(id)])
        }
    }

    /// The OMC's row of NE `type`/`id`, if it has one.
    static func row(_ type: String, _ id: String, _ context: PluginContext) async throws -> DatabaseRow? {
        try await context.database.read { db in
            try db.first("""
                SELECT running_version, previous_version, packages, checked_at, operation_id, operation, target_version, last_result
                FROM nemaint_ne_software WHERE ne_type = ? AND ne_id = ?
                """, [.text(type), .text(id)])
        }
    }
}
