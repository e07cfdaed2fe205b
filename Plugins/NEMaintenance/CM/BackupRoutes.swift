import Foundation
import PluginAPI

/// Configuration backup and restore, on the document's paths:
/// `GET …/elementType/{neType}/objectType/cm?ne_id=` exports the NE's configuration, keeps it and
/// answers the zip; `POST` with `{"fileName", "confirm": true}` restores a backup to the NE (high risk:
/// refused without the confirmation, recorded in the operation log, the NE's answer shown; a long
/// operation holding the NE, so it never meets an activation); `DELETE`
/// with `{"fileName"}` removes one. Added: `…/cm/list`, `…/cm/file` (download) and `…/cm/diff`.
enum BackupRoutes {
    static let base = "/api/rest/systemManagement/v1/elementType/{neType}/objectType/cm"
    static let neIDQuery = RouteParameter.string("ne_id", required: true, maxLength: 64, description: "NE id")
    static let fileNamePattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,250}[.]zip$"
    static let fileNameRule: LocalizedMessage = "must be the name of a backup, like udm-sz_01-etc-20230627002725.zip"
    static let fileName = ValueSchema.string(minLength: 1, maxLength: 255, pattern: fileNamePattern, description: "A backup's file name",
                                             rule: fileNameRule)

    struct FileBody: Decodable {
        let fileName: String
        let confirm: Bool?
    }

    static func declare(_ plugin: inout PluginRegistrar) {
        let type = [PackageRoutes.neTypeParameter]
        plugin.route(.get, base, permission: "nemaint:cm:backup", audit: .export, summary: "Back up an NE's configuration",
                     parameters: type, query: [neIDQuery], answer: .file(mediaType: "application/zip")) { request, context in
            let element = try await element(request, context)
            let backup = try await BackupService.backUp(element, origin: "manual", by: request.caller?.auditName, context)
            return .download(path: "\(BackupTables.folder(element.neType, element.neID, context))/\(backup.fileName)",
                             fileName: backup.fileName, contentType: "application/zip", removeWhenSent: false)
        }
        plugin.route(.post, base, permission: "nemaint:cm:restore", audit: .import, summary: "Restore a configuration backup to an NE",
                     parameters: type, query: [neIDQuery],
                     body: .json(.object(["fileName": fileName, "confirm": .boolean(description: "Must be true: a restore replaces the NE's configuration")],
                                         required: ["fileName"], name: "ConfigRestore")),
                     answer: .data(.object(["fileName": .string(), "neAnswer": .anyValue,
                                            "safetyBackup": .string(description: "The backup of what the restore replaced")],
                                           required: ["fileName", "neAnswer", "safetyBackup"]))) { request, context in
            let element = try await element(request, context)
            let body = try await request.decode(FileBody.self)
            let backup = try await BackupTables.find(body.fileName, element.neType, element.neID, context)
            guard body.confirm == true else {
                throw OMCError.invalid("confirm", "restoring \(backup.fileName) replaces the configuration of NE \(element.key): resend with \"confirm\": true")
            }
            let user = request.caller?.auditName
            return try await NEOperation.holding(element, kind: "nemaint.cm.restore", operation: "restore", target: backup.fileName,
                                                 title: "Restore \(backup.fileName) to NE \(element.key)", request, context, check: {}) { tracker in
                // What the restore replaces is kept first, so that the restore itself can be undone.
                tracker.progress(phase: "backing up NE \(element.key)'s current configuration", done: 0)
                let safety: ConfigBackup
                do {
                    safety = try await BackupService.backUp(element, origin: "restore", by: user, context)
                } catch let error as OMCError {
                    throw OMCError(.neFailure, "NE \(element.key)'s current configuration could not be backed up, so nothing was restored: \(error.localized)")
                }
                tracker.progress(phase: "sending \(backup.fileName) to NE \(element.key)", done: 0)
                let answer = try await BackupService.restore(backup, to: element, context)
                context.logger.info("configuration of \(element.key) restored from \(backup.fileName); what it replaced is \(safety.fileName)")
                return ["fileName": .string(backup.fileName), "safetyBackup": .string(safety.fileName), "neAnswer": answer]
            }
        }
        plugin.route(.delete, base, permission: "nemaint:cm:delete", summary: "Delete a configuration backup",
                     parameters: type, query: [neIDQuery], body: .json(.object(["fileName": fileName], required: ["fileName"], name: "ConfigBackupFile")),
                     answer: .message) { request, context in
            let element = try await element(request, context)
            let body = try await request.decode(FileBody.self)
            try await BackupService.delete(body.fileName, element.neType, element.neID, context)
            return .success()
        }
        plugin.route(.get, base + "/list", permission: "nemaint:cm:query", summary: "List an NE's configuration backups",
                     parameters: type, query: [neIDQuery] + RouteParameter.paging(sortable: ["createdAt", "fileName", "size"]),
                     answer: .rows(ConfigBackup.schema)) { request, context in
            let element = try await element(request, context)
            var list = SQLListQuery(page: try PageRequest(query: request.query, sortable: ["createdAt", "fileName", "size"]))
            list.equals("ne_type", .text(element.neType))
            list.equals("ne_id", .text(element.neID))
            list.order(by: ["createdAt": "created_at", "fileName": "file_name", "size": "size"], default: "created_at",
                       defaultDescending: true, then: "file_name")
            let (rows, total) = try await context.database.read { [list] db in
                try list.fetch(select: "SELECT \(BackupTables.columns) FROM nemaint_backup", from: "nemaint_backup", in: db)
            }
            return .list(rows: rows.map(ConfigBackup.init), total: total)
        }
        plugin.route(.get, base + "/file", permission: "nemaint:cm:download", audit: .export, summary: "Download a configuration backup",
                     parameters: type, query: [neIDQuery, .string("fileName", required: true, maxLength: 255, pattern: fileNamePattern,
                                                              description: "The backup", rule: fileNameRule)],
                     answer: .file(mediaType: "application/zip")) { request, context in
            let element = try await element(request, context)
            let backup = try await BackupTables.find(try request.query.required("fileName"), element.neType, element.neID, context)
            return .download(path: "\(BackupTables.folder(element.neType, element.neID, context))/\(backup.fileName)",
                             fileName: backup.fileName, contentType: "application/zip", removeWhenSent: false)
        }
        plugin.route(.get, base + "/diff", permission: "nemaint:cm:query", summary: "Compare two configuration backups of an NE",
                     parameters: type, query: [neIDQuery,
                                               .string("from", required: true, maxLength: 255, pattern: fileNamePattern, description: "The older backup", rule: fileNameRule),
                                               .string("to", required: true, maxLength: 255, pattern: fileNamePattern, description: "The newer backup", rule: fileNameRule)],
                     answer: .data(BackupDiff.schema)) { request, context in
            let element = try await element(request, context)
            let from = try await BackupTables.find(try request.query.required("from"), element.neType, element.neID, context)
            let to = try await BackupTables.find(try request.query.required("to"), element.neType, element.neID, context)
            let folder = BackupTables.folder(element.neType, element.neID, context)
            let (old, new) = try await BlockingWork.run {
                (try BackupArchive.sections(at: "\(folder)/\(from.fileName)"), try BackupArchive.sections(at: "\(folder)/\(to.fileName)"))
            }
            return .success(BackupDiff(from: from.fileName, old, to: to.fileName, new))
        }
    }

    private static func element(_ request: OMCRequest, _ context: PluginContext) async throws -> NetworkElement {
        let type = try NEKeys.neType(try request.pathParameter("neType"), context)
        return try await NEKeys.element(type, try request.query.required("ne_id"), context)
    }
}
