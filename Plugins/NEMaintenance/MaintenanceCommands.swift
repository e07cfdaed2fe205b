import Foundation
import PluginAPI

/// Read-only MML on the OMC element type, for operators at the console: an NE's software as it
/// reports it (`DSP NESOFTWARE`), an NE type's packages (`LST SWPACKAGE`) and an NE's configuration
/// backups (`LST CMBACKUP`). Changes go through the routes, which are long operations.
enum MaintenanceCommands {
    static func declare(_ plugin: inout PluginRegistrar) {
        let neType = MMLParameter.text("NETYPE", maxLength: 32, required: true, help: "the NE type, like UDM")
        let neID = MMLParameter.text("NEID", maxLength: 64, required: true, help: "the NE's id")
        plugin.mml("DSP NESOFTWARE", neType: "OMC", parameters: [neType, neID], privilege: "nemaint:software:query", risk: .readOnly,
                   help: "Display the software an NE reports: running and previous version, packages held, the operation holding it.") { invocation, context in
            let type = try NEKeys.neType(invocation.string("NETYPE") ?? "", context)
            let element = try await NEKeys.element(type, invocation.string("NEID") ?? "", context)
            let view = try await NESoftwareView.current(element, context)
            let rows: [[String]] = [
                ["runningVersion", view.runningVersion ?? "unknown"], ["previousVersion", view.previousVersion ?? "-"],
                ["packages", view.packages.isEmpty ? "-" : view.packages.joined(separator: ", ")], ["reachable", String(view.reachable)],
                ["lastKnownVersion", view.lastKnownVersion ?? "-"], ["checkedAt", view.checkedAt ?? "-"], ["lastResult", view.lastResult ?? "-"],
                ["operation", view.operationId.map { "\($0) (\(view.operation ?? "?") \(view.operationVersion ?? ""))" } ?? "-"],
            ]
            return .table(headers: ["FIELD", "VALUE"], rows: rows)
        }
        plugin.mml("LST SWPACKAGE", neType: "OMC", parameters: [neType], privilege: "nemaint:software:query", risk: .readOnly,
                   help: "List the software packages the OMC holds for an NE type, newest first.") { invocation, context in
            let type = try NEKeys.neType(invocation.string("NETYPE") ?? "", context)
            let rows = try await context.database.read { db in
                try db.query("SELECT \(SoftwareTables.packageColumns) FROM nemaint_package WHERE ne_type = ? ORDER BY uploaded_at DESC, version",
                             [.text(type)])
            }.map(SoftwarePackage.init)
            return .table(headers: ["VERSION", "SIZE", "SHA256", "UPLOADED BY", "UPLOADED AT"],
                          rows: rows.map { [$0.version, String($0.size), $0.sha256, $0.uploadedBy ?? "-", $0.uploadedAt] })
        }
        plugin.mml("LST CMBACKUP", neType: "OMC", parameters: [neType, neID], privilege: "nemaint:cm:query", risk: .readOnly,
                   help: "List an NE's configuration backups, newest first.") { invocation, context in
            let type = try NEKeys.neType(invocation.string("NETYPE") ?? "", context)
            let element = try await NEKeys.element(type, invocation.string("NEID") ?? "", context)
            let rows = try await context.database.read { db in
                try db.query("SELECT \(BackupTables.columns) FROM nemaint_backup WHERE ne_type = ? AND ne_id = ? ORDER BY created_at DESC, file_name",
                             [.text(element.neType), .text(element.neID)])
            }.map(ConfigBackup.init)
            return .table(headers: ["FILE", "SIZE", "ORIGIN", "CREATED BY", "CREATED AT"],
                          rows: rows.map { [$0.fileName, String($0.size), $0.origin, $0.createdBy ?? "-", $0.createdAt] })
        }
    }
}
