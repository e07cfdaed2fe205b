import Foundation
import PluginAPI

/// `/file/…`: uploads (whole, or in chunks that resume), and downloads with `Range` and
/// `If-None-Match`.
enum FileRoutes {
    static func declare(_ plugin: inout PluginRegistrar, settings: SystemSettings) {
        plugin.route(.post, "/file/upload", permission: "system:file:upload", summary: "Upload a file",
                     bodyLimit: settings.maximumUploadMegabytes << 20, body: .multipart(files: ["file"], fields: [.string("subPath", oneOf: UploadArea.subPaths)]),
                     answer: .data(answer)) { request, context in
            let form = try await request.multipartForm()
            guard let file = form.file("file") else { throw OMCError.invalid("file", "is required") }
            let subPath = form.fields["subPath"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            return .success(try UploadArea(context).store(file.path, originalName: file.fileName, subPath: subPath, now: context.clock.now()))
        }

        plugin.route(.post, "/file/chunkCheck", permission: "system:file:upload", audit: AuditClass.none,
                     summary: "Which chunks of a resumable upload are stored",
                     body: .json(.object(["identifier": .string(pattern: ChunkStore.identifierPattern, rule: "must be 1 to 64 letters, digits, _ or -"),
                                          "fileName": .string(minLength: 1, maxLength: 255)], required: ["identifier", "fileName"], name: "ChunkCheck")),
                     answer: .data(.array(of: .string()))) { request, context in
            let body = try await request.decode(JSONValue.self)
            let identifier = try ChunkStore.checkedIdentifier(LenientText.of(body["identifier"]))
            _ = try UploadArea.checkedExtension(LenientText.of(body["fileName"]) ?? "", field: "fileName")
            let chunks = ChunkStore(context, settings: settings)
            return .success(chunks.indices(owner: ChunkStore.owner(request.caller), identifier: identifier).map(String.init))
        }

        plugin.route(.post, "/file/chunkUpload", permission: "system:file:upload", audit: AuditClass.none, summary: "Store one chunk of a resumable upload",
                     bodyLimit: (settings.maximumChunkMegabytes << 20) + 64 * 1024,
                     body: .multipart(files: ["file"], fields: [.integer("index", range: 0...ChunkStore.maximumIndex),
                                                                .string("identifier", pattern: ChunkStore.identifierPattern)]), answer: .data(.string())) { request, context in
            let form = try await request.multipartForm()
            guard let file = form.file("file") else { throw OMCError.invalid("file", "is required") }
            let identifier = try ChunkStore.checkedIdentifier(form.fields["identifier"])
            guard let index = form.fields["index"].flatMap({ Int($0) }), (0...ChunkStore.maximumIndex).contains(index) else {
                throw OMCError.invalid("index", "must be a chunk number from 0 to \(ChunkStore.maximumIndex)")
            }
            let owner = ChunkStore.owner(request.caller)
            try ChunkStore(context, settings: settings).store(file.path, size: file.size, index: index, owner: owner, identifier: identifier,
                                                              now: context.clock.now())
            return .success("/upload/chunk/\(identifier)/\(index)")
        }

        plugin.route(.post, "/file/chunkMerge", permission: "system:file:upload", summary: "Join the chunks of a resumable upload into the file",
                     body: .json(.object([
                         "identifier": .string(pattern: ChunkStore.identifierPattern, rule: "must be 1 to 64 letters, digits, _ or -"),
                         "fileName": .string(minLength: 1, maxLength: 255),
                         "subPath": .string(oneOf: UploadArea.subPaths),
                         "totalChunks": .integer(range: 1...(ChunkStore.maximumIndex + 1), orDigits: true, description: "Optional: how many chunks there are"),
                         "totalSize": .integer(range: 0...Int.max / 2, orDigits: true, description: "Optional: the file's size in bytes"),
                         "md5": .string(pattern: "^[0-9A-Fa-f]{32}$", description: "Optional: the file's MD5, checked after joining",
                                        rule: "must be 32 hexadecimal digits"),
                     ], required: ["identifier", "fileName", "subPath"], name: "ChunkMerge")),
                     answer: .data(answer)) { request, context in
            let body = try await request.decode(JSONValue.self)
            let identifier = try ChunkStore.checkedIdentifier(LenientText.of(body["identifier"]))
            let fileName = LenientText.of(body["fileName"]) ?? ""
            let subPath = LenientText.of(body["subPath"]) ?? "default"
            _ = try UploadArea.checkedExtension(fileName, field: "fileName")
            guard UploadArea.subPaths.contains(subPath) else {
                throw OMCError.invalid("subPath", "must be one of \(UploadArea.subPaths.joined(separator: ", "))")
            }
            let chunks = ChunkStore(context, settings: settings)
            let owner = ChunkStore.owner(request.caller)
            let merged = try chunks.merge(owner: owner, identifier: identifier, totalChunks: LenientText.of(body["totalChunks"]).flatMap { Int($0) },
                                          totalSize: LenientText.of(body["totalSize"]).flatMap { Int($0) }, md5: LenientText.of(body["md5"]),
                                          scratch: context.host.scratchDirectory)
            let stored: JSONValue
            do {
                stored = try UploadArea(context).store(merged, originalName: fileName, subPath: subPath, now: context.clock.now())
            } catch {
                try? FileManager.default.removeItem(atPath: merged)
                throw error
            }
            chunks.remove(owner: owner, identifier: identifier)
            return .success(stored)
        }

        plugin.route(.get, "/file/download/{filePath}", permission: "system:file:download", summary: "Download an uploaded file, whole or a byte range",
                     parameters: [.string("filePath", maxLength: 2048, description: "base64 of the file's name, such as /upload/common/2023/05/x_ab12cd.pdf")],
                     answer: .file(mediaType: "application/octet-stream")) { request, context in
            let path = try UploadArea(context).resolve(try request.pathParameter("filePath"))
            return try FileDownload.respond(path: path, request: request)
        }

        plugin.job("expire-chunks", schedule: .every(seconds: 3600), summary: "Remove unfinished uploads whose last chunk is older than chunkExpiryHours") { context in
            let cutoff = context.clock.now().addingTimeInterval(-Double(settings.chunkExpiryHours) * 3600)
            let removed = ChunkStore(context, settings: settings).expire(before: cutoff)
            if removed > 0 { context.logger.info("removed \(removed) unfinished uploads") }
        }
    }

    static let answer = ValueSchema.object(["url": .string(), "fileName": .string(), "newFileName": .string(), "originalFileName": .string()],
                                           name: "UploadedFileAddress")
}
