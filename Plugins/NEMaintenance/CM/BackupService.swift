import Foundation
import PluginAPI

/// Takes, restores and purges configuration backups; the routes and the daily job share it.
enum BackupService {
    /// Largest configuration export kept.
    static let maximumSize = 16 << 20

    /// Exports `element`'s configuration, checks it is a backup, and keeps it under the document's
    /// name (`udm-sz_01-etc-20230627002725.zip`, the OMC's local time).
    static func backUp(_ element: NetworkElement, origin: String, by user: String?, _ context: PluginContext) async throws -> ConfigBackup {
        let answer = try await context.network.send(.get(NEKeys.path(element, "cm"), timeout: .seconds(120)), to: element)
        guard answer.status == 200 else {
            let json = (try? answer.json(from: element)) ?? .null
            throw OMCError(.neFailure, "NE \(element.key) refused the configuration export: \(NESoftwareClient.words(json, answer.status))")
        }
        let bytes = answer.body
        guard bytes.count <= maximumSize else { throw OMCError(.neFailure, "NE \(element.key)'s configuration export is larger than 16 MiB") }
        let folder = BackupTables.folder(element.neType, element.neID, context)
        let staged = "\(folder)/.\(UUID().uuidString).part"
        let sha256 = try await BlockingWork.run { () throws -> String in
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: staged, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
            do {
                _ = try BackupArchive.sections(at: staged)
            } catch {
                try? FileManager.default.removeItem(atPath: staged)
                throw error
            }
            return FileDigest.hex(bytes.sha256)
        }
        let now = context.clock.now()
        let stem = "\(element.neType.lowercased())-\(fileNamePart(element.name))-etc-\(DocumentTime.formatCompact(now, timeZone: .current))"
        do {
            let fileName = try await context.database.write { db -> String in
                // Two backups of one NE in the same second get -2, -3…
                var name = "\(stem).zip"
                var suffix = 1
                while try db.first("SELECT file_name FROM nemaint_backup WHERE file_name = ?", [.text(name)]) != nil {
                    suffix += 1
                    name = "\(stem)-\(suffix).zip"
                }
                try db.execute("INSERT INTO nemaint_backup (\(BackupTables.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [.text(name), .text(element.neType), .text(element.neID), .int(bytes.count), .text(sha256),
                                .text(origin), .text(user), .int(now.milliseconds)])
                return name
            }
            guard rename(staged, "\(folder)/\(fileName)") == 0 else {
                try? await context.database.write { db in try db.execute("DELETE FROM nemaint_backup WHERE file_name = ?", [.text(fileName)]) }
                throw OMCError(.internal, "the backup could not be moved into the OMC's backup folder")
            }
            context.logger.info("configuration of \(element.key) backed up as \(fileName)")
            return try await BackupTables.find(fileName, element.neType, element.neID, context)
        } catch {
            try? FileManager.default.removeItem(atPath: staged)
            throw error
        }
    }

    /// Sends backup `backup` to `element`, which replaces its configuration; returns the NE's answer.
    static func restore(_ backup: ConfigBackup, to element: NetworkElement, _ context: PluginContext) async throws -> JSONValue {
        let path = "\(BackupTables.folder(element.neType, element.neID, context))/\(backup.fileName)"
        let request = NERequest(method: .post, path: NEKeys.path(element, "cm"), body: .file(path: path, size: backup.size),
                                contentType: "application/zip", timeout: .seconds(120))
        let answer = try await context.network.send(request, to: element)
        let json = try answer.json(from: element)
        guard answer.status == 200 else {
            throw OMCError(.neFailure, "NE \(element.key) refused the restore of \(backup.fileName): \(NESoftwareClient.words(json, answer.status))")
        }
        return json
    }

    /// Removes backup `fileName` of NE `type`/`id`, row and file.
    static func delete(_ fileName: String, _ type: String, _ id: String, _ context: PluginContext) async throws {
        try await context.database.write { db in
            try db.execute("DELETE FROM nemaint_backup WHERE file_name = ? AND ne_type = ? AND ne_id = ?", [.text(fileName), .text(type), .text(id)])
            guard db.changedRowCount == 1 else { throw OMCError.notFound("NE \(type)/\(id) has no backup \(fileName)") }
        }
        try? FileManager.default.removeItem(atPath: "\(BackupTables.folder(type, id, context))/\(fileName)")
    }

    /// Removes backups older than `days`, keeping the newest of each NE whatever its age; returns how many.
    static func purge(olderThan days: Int, _ context: PluginContext) async throws -> Int {
        let cutoff = context.clock.now().addingTimeInterval(-Double(days) * 86_400).milliseconds
        let expired = try await context.database.write { db -> [DatabaseRow] in
            let rows = try db.query("""
                SELECT file_name, ne_type, ne_id FROM nemaint_backup b WHERE created_at < ?
                AND created_at < (SELECT MAX(created_at) FROM nemaint_backup n WHERE n.ne_type = b.ne_type AND n.ne_id = b.ne_id)
                """, [.int(cutoff)])
            for row in rows { try db.execute("DELETE FROM nemaint_backup WHERE file_name = ?", [.text(row.string("file_name"))]) }
            return rows
        }
        for row in expired {
            let folder = BackupTables.folder(row.string("ne_type") ?? "", row.string("ne_id") ?? "", context)
            try? FileManager.default.removeItem(atPath: "\(folder)/\(row.string("file_name") ?? "")")
        }
        return expired.count
    }

    /// `name` in lower case with every character but letters, digits, `_` and `-` made `_`.
    static func fileNamePart(_ name: String) -> String {
        let cleaned = String(name.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-") ? Character(scalar) : "_"
        })
        return String(cleaned.prefix(64))
    }
}
