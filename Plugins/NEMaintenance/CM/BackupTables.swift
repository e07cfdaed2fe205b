import Foundation
import PluginAPI

/// The configuration backups the OMC keeps (`nemaint_backup`), one row per zip under
/// `<plugin data>/backups/<TYPE>/<neId>/`.
enum BackupTables {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v2_create_backup", sql: """
            CREATE TABLE nemaint_backup (
                file_name VARCHAR(255) NOT NULL PRIMARY KEY,
                ne_type VARCHAR(32) NOT NULL,
                ne_id VARCHAR(64) NOT NULL,
                size BIGINT NOT NULL,
                sha256 VARCHAR(64) NOT NULL,
                origin VARCHAR(16) NOT NULL,
                created_by VARCHAR(128),
                created_at BIGINT NOT NULL
            );
            CREATE INDEX nemaint_backup_ne ON nemaint_backup (ne_type, ne_id, created_at)
            """)
    }

    static let columns = "file_name, ne_type, ne_id, size, sha256, origin, created_by, created_at"

    /// The folder of `element`'s backups.
    static func folder(_ neType: String, _ neID: String, _ context: PluginContext) -> String {
        "\(context.dataDirectory)/backups/\(neType)/\(neID)"
    }

    /// The backup `fileName` of NE `type`/`id`, or a 404 (a backup of another NE is not this NE's).
    static func find(_ fileName: String, _ type: String, _ id: String, _ context: PluginContext) async throws -> ConfigBackup {
        let row = try await context.database.read { db in
            try db.first("SELECT \(columns) FROM nemaint_backup WHERE file_name = ? AND ne_type = ? AND ne_id = ?",
                         [.text(fileName), .text(type), .text(id)])
        }
        guard let row else { throw OMCError.notFound("NE \(type)/\(id) has no backup \(fileName)") }
        return ConfigBackup(row)
    }
}
