import Foundation
import PluginAPI

/// A software package kept by the OMC, as the package list shows it.
struct SoftwarePackage: Encodable, Sendable {
    let neType: String
    let version: String
    let fileName: String
    let size: Int
    let sha256: String
    let uploadedBy: String?
    let uploadedAt: String

    init(_ row: DatabaseRow) {
        neType = row.string("ne_type") ?? ""
        version = row.string("version") ?? ""
        fileName = row.string("file_name") ?? ""
        size = row.int("size") ?? 0
        sha256 = row.string("sha256") ?? ""
        uploadedBy = row.string("uploaded_by")
        uploadedAt = DocumentTime.format(Date(milliseconds: row.int("uploaded_at") ?? 0))
    }

    /// The shape of one package in answers.
    static let schema = ValueSchema.object([
        "neType": .string(), "version": .string(), "fileName": .string(description: "The name the package was uploaded under"),
        "size": .integer(description: "Bytes"), "sha256": .string(description: "SHA-256, lower-case hex"),
        "uploadedBy": .string(), "uploadedAt": .string(description: "yyyy-MM-dd HH:mm:ss, OMC local time"),
    ], required: ["neType", "version", "fileName", "size", "sha256", "uploadedAt"], name: "SoftwarePackage")
}
