import Foundation
import PluginAPI

/// The OMC's software packages: `POST …/{neType}/software/{version}` (multipart upload, streamed to
/// disk and checked: a zip whose manifest names this NE type and version, its SHA-256 computed and,
/// when the client sends one, compared), `GET` (download, streamed), `DELETE`, and
/// `GET …/{neType}/software` (the list, with size, SHA-256 and who uploaded it when).
enum PackageRoutes {
    static let base = "/api/rest/systemManagement/v1/{neType}/software"
    static let neTypeParameter = RouteParameter.string("neType", maxLength: 32, description: "NE type (UDM, AMF, …)")
    static let versionParameter = RouteParameter.string("version", maxLength: 64, pattern: NEKeys.versionPattern,
                                                        description: "Software version", rule: NEKeys.versionRule)

    static func declare(_ plugin: inout PluginRegistrar, settings: NEMaintenanceSettings) {
        plugin.route(.post, base + "/{version}", permission: "nemaint:software:upload", audit: .import,
                     summary: "Upload a software package to the OMC", bodyLimit: settings.packageMaxBytes + (1 << 20),
                     parameters: [neTypeParameter, versionParameter],
                     body: .multipart(files: ["file"], fields: [.string("sha256", maxLength: 64, pattern: "^[0-9a-fA-F]{64}$",
                                                                        description: "SHA-256 the client computed; the upload is refused when it differs",
                                                                        rule: "must be 64 hex digits")]),
                     answer: .data(SoftwarePackage.schema)) { request, context in
            try await upload(request, context)
        }
        plugin.route(.get, base + "/{version}", permission: "nemaint:software:download", audit: .export,
                     summary: "Download a software package from the OMC", parameters: [neTypeParameter, versionParameter],
                     answer: .file(mediaType: "application/zip")) { request, context in
            let type = try NEKeys.neType(try request.pathParameter("neType"), context)
            let version = try NEKeys.version(try request.pathParameter("version"))
            let package = try await find(type, version, context)
            return .download(path: file(type, version, context), fileName: package.fileName, contentType: "application/zip", removeWhenSent: false)
        }
        plugin.route(.delete, base + "/{version}", permission: "nemaint:software:delete", summary: "Delete a software package from the OMC",
                     parameters: [neTypeParameter, versionParameter], answer: .message) { request, context in
            let type = try NEKeys.neType(try request.pathParameter("neType"), context)
            let version = try NEKeys.version(try request.pathParameter("version"))
            try await context.database.write { db in
                let busy = try db.first("""
                    SELECT ne_id FROM nemaint_ne_software WHERE ne_type = ? AND target_version = ? AND operation = 'distribute' AND operation_id IS NOT NULL
                    """, [.text(type), .text(version)])
                if let busy {
                    let neID = busy.string("ne_id") ?? "?"
                    throw OMCError(.conflict, "package \(type) \(version) is being distributed to NE \(type)/\(neID); delete it afterwards")
                }
                try db.execute("DELETE FROM nemaint_package WHERE ne_type = ? AND version = ?", [.text(type), .text(version)])
                guard db.changedRowCount == 1 else { throw OMCError.notFound("the OMC holds no package \(type) \(version)") }
            }
            try? FileManager.default.removeItem(atPath: file(type, version, context))
            context.logger.info("deleted package \(type) \(version)")
            return .success()
        }
        plugin.route(.get, base, permission: "nemaint:software:query", summary: "List the software packages of an NE type",
                     parameters: [neTypeParameter], query: RouteParameter.paging(sortable: ["version", "uploadedAt", "size"]),
                     answer: .rows(SoftwarePackage.schema)) { request, context in
            let type = try NEKeys.neType(try request.pathParameter("neType"), context)
            var list = SQLListQuery(page: try PageRequest(query: request.query, sortable: ["version", "uploadedAt", "size"]))
            list.equals("ne_type", .text(type))
            list.order(by: ["version": "version", "uploadedAt": "uploaded_at", "size": "size"], default: "uploaded_at",
                       defaultDescending: true, then: "version")
            let (rows, total) = try await context.database.read { [list] db in
                try list.fetch(select: "SELECT \(SoftwareTables.packageColumns) FROM nemaint_package", from: "nemaint_package", in: db)
            }
            return .list(rows: rows.map(SoftwarePackage.init), total: total)
        }
    }

    /// Where the package `type` `version` lives.
    static func file(_ type: String, _ version: String, _ context: PluginContext) -> String {
        "\(context.dataDirectory)/packages/\(type)/\(version).zip"
    }

    /// The package `type` `version`, or a 404.
    static func find(_ type: String, _ version: String, _ context: PluginContext) async throws -> SoftwarePackage {
        let row = try await context.database.read { db in
            try db.first("SELECT \(SoftwareTables.packageColumns) FROM nemaint_package WHERE ne_type = ? AND version = ?", [.text(type), .text(version)])
        }
        guard let row else { throw OMCError.notFound("the OMC holds no package \(type) \(version); upload it first") }
        return SoftwarePackage(row)
    }

    private static func upload(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try NEKeys.neType(try request.pathParameter("neType"), context)
        let version = try NEKeys.version(try request.pathParameter("version"))
        // Refused before the body is read: a second upload of a version would be refused anyway.
        if try await context.database.read({ db in
            try db.first("SELECT version FROM nemaint_package WHERE ne_type = ? AND version = ?", [.text(type), .text(version)])
        }) != nil {
            throw OMCError(.conflict, "the OMC already holds package \(type) \(version); delete it before uploading it again")
        }
        let form = try await request.multipartForm()
        guard let upload = form.file("file") else { throw OMCError.invalid("file", "is required") }
        let claimed = form.fields["sha256"]?.lowercased()
        let path = upload.path
        let (manifest, sha256) = try await BlockingWork.run { () throws -> (PackageManifest, String) in
            (try PackageManifest.read(packageAt: path), try FileDigest.sha256(ofFileAt: path))
        }
        guard manifest.neType == type else {
            throw OMCError.invalid("file", "is a package for \(manifest.neType), not \(type)")
        }
        guard manifest.version == version else {
            throw OMCError.invalid("file", "installs version \(manifest.version), not \(version)")
        }
        if let claimed, claimed != sha256 {
            throw OMCError.invalid("sha256", "the file arrived with SHA-256 \(sha256), not \(claimed); upload it again")
        }
        let folder = "\(context.dataDirectory)/packages/\(type)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Moved beside its final place first, recorded, then renamed: a concurrent upload of the same
        // version loses at the insert and removes only its own file.
        let staged = "\(folder)/.\(UUID().uuidString).part"
        try FileManager.default.moveItem(atPath: path, toPath: staged)
        let uploader = request.caller?.auditName
        let now = context.clock.now().milliseconds
        let fileName = String(upload.fileName.prefix(255)).isEmpty ? "\(type.lowercased())-\(version).zip" : String(upload.fileName.prefix(255))
        do {
            try await context.database.write { db in
                try db.execute("INSERT INTO nemaint_package (\(SoftwareTables.packageColumns)) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               [.text(type), .text(version), .text(fileName), .int(upload.size), .text(sha256), .text(uploader), .int(now)])
                guard db.changedRowCount == 1 else {
                    throw OMCError(.conflict, "the OMC already holds package \(type) \(version); delete it before uploading it again")
                }
            }
            guard rename(staged, file(type, version, context)) == 0 else {
                try? await context.database.write { db in
                    try db.execute("DELETE FROM nemaint_package WHERE ne_type = ? AND version = ?", [.text(type), .text(version)])
                }
                throw OMCError(.internal, "the package could not be moved into the OMC's package folder")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staged)
            throw error
        }
        context.logger.info("package \(type) \(version) uploaded (\(upload.size) bytes, sha256 \(sha256))")
        return .success(try await find(type, version, context))
    }
}
