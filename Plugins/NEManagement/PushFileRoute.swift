import Foundation
import PluginAPI

/// `POST /ne/action/pushFile`: sends a file from the OMC's upload folder to an NE, streamed. The
/// file must lie inside `<data>/upload/` (no absolute paths, no `..`, no link leading out) and be
/// at most `pushFileMaxMegabytes`; the NE stores it under the same relative path.
enum PushFileRoute {
    struct Body: Decodable {
        let uploadPath: String
        let neType: String
        let neId: String
    }

    /// The document answers success with `{"code": 1, "msg": "success", "data": "<path on the NE>"}`.
    struct Answer: Encodable, Sendable {
        let code = 1
        let msg = "success"
        let data: String
    }

    static func declare(_ plugin: inout PluginRegistrar, settings: NEManagementSettings) {
        let body = ValueSchema.object([
            "uploadPath": .string(minLength: 1, maxLength: 255, description: "Path of the file inside the OMC's upload folder",
                                  rule: "must be a relative path inside the upload folder, without '..', empty or control characters"),
            "neType": .string(maxLength: 32), "neId": .string(maxLength: 32),
        ], required: ["uploadPath", "neType", "neId"], name: "PushFile")
        plugin.route(.post, "/ne/action/pushFile", permission: "ne:file:push", summary: "Push an uploaded file to an NE",
                     body: .json(body), answer: .json(.object(["code": .integer(), "msg": .string(), "data": .string(description: "The path on the NE")],
                                                              required: ["code", "msg", "data"]))) { request, context in
            let body = try await request.decode(Body.self)
            let uploads = URL(fileURLWithPath: context.host.dataDirectory).appendingPathComponent("upload").standardizedFileURL
            let file = try resolve(body.uploadPath, under: uploads)
            let size = try fileSize(file, limit: settings.pushFileMaxBytes, shownAs: body.uploadPath)
            guard let element = try await context.network.element(type: body.neType, id: body.neId) else {
                throw OMCError.notFound("NE \(body.neType.uppercased())/\(body.neId) is not registered")
            }
            // A long operation counting the bytes sent; a cancellation cuts the upload, and the NE
            // keeps nothing of a cut upload (it stores a file only once it arrived whole).
            return try await context.operations.respond(to: request, kind: "ne.file.push", title: "Push \(body.uploadPath) to NE \(element.key)",
                                                        total: size, answer: { .json(Answer(data: $0.stringValue ?? "")) }) { tracker in
                var push = NERequest(method: .post, path: "/api/rest/systemManagement/v1/elementType/\(element.neType.lowercased())/objectType/file",
                                     query: [("path", body.uploadPath)], body: .file(path: file.path, size: size),
                                     contentType: "application/octet-stream", timeout: .seconds(60 + size / 1_000_000))
                tracker.progress(phase: "sending to NE \(element.key)", done: 0, total: size)
                push.bodySent = { bytes in tracker.progress(done: bytes) }
                let upload = push
                guard let answer = try await tracker.unlessCancelled({ try await context.network.send(upload, to: element) }) else {
                    throw tracker.cancellation
                }
                let json = try answer.json(from: element)
                guard answer.status == 200, let stored = json["data"]?["path"]?.stringValue else {
                    throw OMCError(.neFailure, "NE \(element.key) refused the file: \(json["msg"]?.stringValue ?? "HTTP \(answer.status)")")
                }
                context.logger.info("pushed \(body.uploadPath) (\(size) bytes) to \(element.key)")
                return .string(stored)
            }
        }
    }

    /// The file `relative` names inside `root`, refusing anything that could leave it.
    static func resolve(_ relative: String, under root: URL) throws(OMCError) -> URL {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...255).contains(relative.count), !relative.hasPrefix("/"), !relative.contains("\\"),
              !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !relative.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw OMCError.invalid("uploadPath", "must be a relative path inside the upload folder, without '..', empty or control characters")
        }
        let file = root.appendingPathComponent(relative).resolvingSymlinksInPath()
        let rootPath = root.resolvingSymlinksInPath().path
        guard file.path.hasPrefix(rootPath + "/") else {
            throw OMCError.invalid("uploadPath", "leads outside the upload folder")
        }
        return file
    }

    static func fileSize(_ file: URL, limit: Int, shownAs name: String) throws(OMCError) -> Int {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: file.path) } catch {
            throw OMCError.notFound("uploadPath: \(name) does not exist in the upload folder")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw OMCError.invalid("uploadPath", "\(name) is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limit else { throw OMCError(.tooLarge, "uploadPath: \(name) is \(size) bytes; at most \(limit) bytes are pushed to an NE") }
        return size
    }
}
