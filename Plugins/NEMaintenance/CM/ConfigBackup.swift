import Foundation
import PluginAPI

/// One configuration backup kept by the OMC, as the backup list shows it.
struct ConfigBackup: Encodable, Sendable {
    let fileName: String
    let neType: String
    let neId: String
    let size: Int
    let sha256: String
    /// `manual` (an operator's export), `daily` (the daily backup job) or `restore` (what a restore
    /// replaced, kept just before it).
    let origin: String
    let createdBy: String?
    let createdAt: String

    init(_ row: DatabaseRow) {
        fileName = row.string("file_name") ?? ""
        neType = row.string("ne_type") ?? ""
        neId = row.string("ne_id") ?? ""
        size = row.int("size") ?? 0
        sha256 = row.string("sha256") ?? ""
        origin = row.string("origin") ?? ""
        createdBy = row.string("created_by")
        createdAt = DocumentTime.format(Date(milliseconds: row.int("created_at") ?? 0))
    }

    static let schema = ValueSchema.object([
        "fileName": .string(description: "udm-sz_01-etc-20230627002725.zip"), "neType": .string(), "neId": .string(),
        "size": .integer(description: "Bytes"), "sha256": .string(), "origin": .string(oneOf: ["manual", "daily", "restore"]),
        "createdBy": .string(), "createdAt": .string(description: "yyyy-MM-dd HH:mm:ss, OMC local time"),
    ], required: ["fileName", "neType", "neId", "size", "sha256", "origin", "createdAt"], name: "ConfigBackup")
}
