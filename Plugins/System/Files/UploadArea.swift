import Foundation
import PluginAPI

/// Where uploaded files live and the rules their names follow: `<data>/upload/<subPath>/<yyyy>/<MM>/`
/// (the host's upload folder, where files pushed to NEs are taken from), the document's `subPath`
/// values and extensions only, names rebuilt from letters and digits, and no path that leaves the
/// folder, whatever the caller writes (`..`, absolute paths, encoded separators, NUL, links).
struct UploadArea: Sendable {
    static let subPaths = ["default", "avatar", "import", "export", "common", "download", "chunk"]
    static let extensions = ["bmp", "gif", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "html", "htm", "txt",
                             "rar", "zip", "gz", "bz2", "mp4", "avi", "rmvb", "pdf"]

    /// `<data>/upload`.
    let root: String

    init(_ context: PluginContext) {
        root = (context.host.dataDirectory as NSString).appendingPathComponent("upload")
    }

    /// The extension of `fileName`, refused when the document's list lacks it.
    static func checkedExtension(_ fileName: String, field: String) throws -> String {
        let name = baseName(fileName)
        let dot = name.lastIndex(of: ".")
        let ext = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
        guard extensions.contains(ext) else {
            throw OMCError.invalid(field, "The uploaded file type is not supported. The following types are supported: \(extensions.joined(separator: ","))")
        }
        return ext
    }

    /// The last component of a client's name, whichever separator it used.
    static func baseName(_ fileName: String) -> String {
        String(fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }

    /// A fresh stored name: the client's stem reduced to letters, digits, `_` and `-` (at most 64),
    /// a random suffix, and the checked extension (`gmircbr_48xqb8.png`).
    static func storedName(for fileName: String, extension ext: String) -> String {
        let base = baseName(fileName)
        let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        var cleaned = String(stem.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
            .map(Character.init).prefix(64))
        if cleaned.isEmpty { cleaned = "file" }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let suffix = String((0..<6).map { _ in alphabet.randomElement() ?? "x" })
        return "\(cleaned)_\(suffix).\(ext)"
    }

    /// Stores `source` (moved) under `subPath` for `now`; returns the document's answer.
    func store(_ source: String, originalName: String, subPath: String, now: Date) throws -> JSONValue {
        guard Self.subPaths.contains(subPath) else {
            throw OMCError.invalid("subPath", "must be one of \(Self.subPaths.joined(separator: ", "))")
        }
        let ext = try Self.checkedExtension(originalName, field: "file")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month], from: now)
        let relative = subPath + String(format: "/%04d/%02d", parts.year ?? 1970, parts.month ?? 1)
        let folder = (root as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = Self.storedName(for: originalName, extension: ext)
        try FileManager.default.moveItem(atPath: source, toPath: (folder as NSString).appendingPathComponent(name))
        let fileName = "/upload/\(relative)/\(name)"
        return ["url": .string(Self.downloadAddress(fileName)), "fileName": .string(fileName), "newFileName": .string(name),
                "originalFileName": .string(Self.baseName(originalName))]
    }

    /// `/file/download/<base64 of the file name>`, the address that serves it.
    static func downloadAddress(_ fileName: String) -> String {
        "/file/download/" + Data(fileName.utf8).base64EncodedString()
    }

    /// The file a download names: `encoded` is base64 (standard or URL-safe) of `/upload/…`; the
    /// result is a regular file inside ``root`` after links are resolved, or a refusal.
    func resolve(_ encoded: String) throws -> String {
        var text = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let path = String(data: data, encoding: .utf8) else {
            throw OMCError.invalid("filePath", "must be the base64 of a file name such as /upload/common/2023/05/report_ab12cd.pdf")
        }
        guard !path.contains("\u{0}"), !path.contains("\\"), !path.contains("%") else {
            throw OMCError.invalid("filePath", "must not contain NUL, a backslash or '%'")
        }
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.first == "" { components.removeFirst() }
        guard components.first == "upload", components.count >= 2,
              components.dropFirst().allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw OMCError.invalid("filePath", "must name a file under /upload without '.', '..' or empty parts")
        }
        let candidate = (root as NSString).appendingPathComponent(components.dropFirst().joined(separator: "/"))
        let realRoot = (root as NSString).resolvingSymlinksInPath, real = (candidate as NSString).resolvingSymlinksInPath
        guard real.hasPrefix(realRoot + "/") else { throw OMCError.invalid("filePath", "must stay inside the upload folder") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else {
            throw OMCError.notFound("the file \(path) does not exist")
        }
        return real
    }
}
