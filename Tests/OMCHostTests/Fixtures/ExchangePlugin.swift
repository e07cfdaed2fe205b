import Foundation
import PluginAPI

/// A plugin exchanging files: echoes an upload's fields and files (with a checksum of each file's
/// bytes), fails after reading an upload, and serves an export file as a download.
struct ExchangePlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "exchange", version: "1.0.0", kind: .feature, summary: "Test file exchange")

    init(configuration: PluginConfiguration) throws {}

    struct FileEcho: Encodable, Sendable {
        let fieldName: String
        let fileName: String
        let contentType: String?
        let size: Int
        let checksum: String
        let path: String
    }

    struct FormEcho: Encodable, Sendable {
        let fields: [String: String]
        let files: [FileEcho]
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.route(.post, "/exchange/upload", permission: "exchange:file:import", audit: .import,
                     summary: "Echo an upload", bodyLimit: 64 * 1024 * 1024) { request, _ in
            let form = try await request.multipartForm()
            let files = try form.files.map { file in
                FileEcho(fieldName: file.fieldName, fileName: file.fileName, contentType: file.contentType, size: file.size,
                         checksum: String(try Self.checksum(of: file.path)), path: file.path)
            }
            return .success(FormEcho(fields: form.fields, files: files))
        }
        plugin.route(.post, "/exchange/refuse", permission: "exchange:file:import", audit: .import,
                     summary: "Read an upload, then fail") { request, _ in
            let form = try await request.multipartForm()
            for file in form.files { Journal.record(form.fields["journal"] ?? "", file.path) }
            throw OMCError.invalid("file", "row 2: imsi must be 15 digits")
        }
        plugin.route(.get, "/exchange/export", permission: "exchange:file:export", summary: "Download an export") { request, context in
            let path = (context.host.scratchDirectory as NSString).appendingPathComponent("export-\(UUID().uuidString).csv")
            let rows = Int(request.query["rows"] ?? "") ?? 3
            try Data((0..<rows).map { "row \($0),✓\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
            Journal.record(request.query["journal"] ?? "", path)
            return .download(path: path, fileName: request.query["name"] ?? "export.csv", contentType: "text/csv;charset=UTF-8")
        }
    }

    /// FNV-1a over the file, read in chunks.
    static func checksum(of path: String) throws -> UInt64 {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OMCError(.internal, "cannot open \(path)") }
        defer { try? handle.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for byte in chunk { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return hash
    }

    static func checksum(of bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
