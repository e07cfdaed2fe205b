import Foundation
import PluginAPI

/// `POST /system/user/profile/avatar` (jpg, jpeg or png, checked by name and by content) and
/// `GET /profile/avatar/{fileName}`, which serves the stored pictures. Pictures are kept under
/// `<dataDir>/security/avatar/`, named by the OMC, never by the client.
enum AvatarRoutes {
    static let maximumBytes = 2 * 1024 * 1024
    static let urlPrefix = "/profile/avatar/"

    enum ImageType: String {
        case png
        case jpeg = "jpg"

        var contentType: String { self == .png ? "image/png" : "image/jpeg" }

        /// The type `bytes` start like: PNG's 8-byte signature, or JPEG's start-of-image marker.
        init?(signature bytes: [UInt8]) {
            if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else { return nil }
        }
    }

    static func folder(_ context: PluginContext) -> String {
        (context.dataDirectory as NSString).appendingPathComponent("avatar")
    }

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.post, "/system/user/profile/avatar", permission: .authenticated, audit: .update,
                     summary: "Change the caller's avatar", bodyLimit: maximumBytes + 64 * 1024,
                     body: .multipart(files: ["file"]), answer: .data(.anyValue)) { request, context in
            let userID = try SessionRoutes.callerAccount(request)
            let form = try await request.multipartForm()
            guard let file = form.file("file") ?? form.file("avatarfile") ?? form.files.first else {
                throw OMCError.invalid("file", "a picture is required (multipart field 'file')")
            }
            let fileExtension = (file.fileName as NSString).pathExtension.lowercased()
            guard ["jpg", "jpeg", "png"].contains(fileExtension) else {
                throw OMCError.invalid("file", "The uploaded file type is not supported, only the following types are supported: jpg, jpeg, png")
            }
            guard file.size > 0, file.size <= maximumBytes else {
                throw OMCError.invalid("file", "must be 1 byte to \(maximumBytes / 1024 / 1024) MB")
            }
            let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: file.path)).readToEnd().map { Array($0.prefix(8)) } ?? []
            guard let type = ImageType(signature: head), (type == .png) == (fileExtension == "png") else {
                throw OMCError.invalid("file", "the content is not a \(fileExtension) picture")
            }
            let folder = folder(context)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let name = "\(UUID().uuidString.lowercased()).\(type.rawValue)"
            let target = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.copyItem(atPath: file.path, toPath: target)
            let url = urlPrefix + name
            let now = Milliseconds.of(context.clock.now())
            let previous: String?
            do {
                previous = try await context.database.write { db in
                    let old = try db.first("SELECT avatar FROM security_user WHERE user_id = ?", [.integer(userID)])?.string("avatar")
                    try db.execute("UPDATE security_user SET avatar = ?, update_time = ? WHERE user_id = ?",
                                   [.text(url), .integer(now), .integer(userID)])
                    return old
                }
            } catch {
                try? FileManager.default.removeItem(atPath: target)
                throw error
            }
            if let previous, let oldName = storedName(previous) {
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(oldName))
            }
            return .success(url)
        }
        plugin.route(.get, urlPrefix + "{fileName}", permission: .authenticated, summary: "A user's avatar picture",
                     answer: .file(mediaType: "image/png")) { request, context in
            guard let name = storedName(urlPrefix + (try request.pathParameter("fileName"))) else {
                throw OMCError.notFound("no such avatar")
            }
            let path = (folder(context) as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: path) else { throw OMCError.notFound("no such avatar") }
            let type: ImageType = name.hasSuffix(".png") ? .png : .jpeg
            return OMCResponse(headers: HeaderFields([("Content-Type", type.contentType), ("Cache-Control", "private, max-age=86400")]),
                               body: .bytes(Array(bytes)))
        }
    }

    /// The file name of an avatar URL the OMC made (`<uuid>.png`), `nil` for anything else, so that
    /// no caller-given text ever becomes a path.
    static func storedName(_ url: String) -> String? {
        guard url.hasPrefix(urlPrefix) else { return nil }
        let name = String(url.dropFirst(urlPrefix.count))
        let parts = name.split(separator: ".")
        guard parts.count == 2, ["png", "jpg"].contains(parts[1]), UUID(uuidString: String(parts[0])) != nil,
              parts[0] == parts[0].lowercased() else { return nil }
        return name
    }
}
