import Foundation
import PluginAPI

/// The host's scratch folder (`<data>/tmp`, ``HostInfo/scratchDirectory``): emptied at every boot, so
/// files left by a crash or by a download no client fetched never pile up. Each request's uploads go to
/// a folder of their own under `uploads/`, removed when the request ends.
struct ScratchDirectory: Sendable {
    let path: String

    /// Empties (or creates) the scratch folder of the data folder `dataDirectory`.
    static func prepare(dataDirectory: String) throws -> ScratchDirectory {
        let path = HostInfo.scratchDirectory(in: dataDirectory)
        let files = FileManager.default
        if files.fileExists(atPath: path) { try files.removeItem(atPath: path) }
        try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        return ScratchDirectory(path: path)
    }

    /// The folder for one request's uploads: a fresh name, created only when a file arrives, for a
    /// `multipart/form-data` body; for any other body a fixed name that is never created, because
    /// ``OMCRequest/multipartForm()`` refuses such a body before writing anything. This spares the
    /// common request a UUID and a file-system call.
    func uploadDirectory(contentType: String?) -> String {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/") else { return noUploads }
        return (path as NSString).appendingPathComponent("uploads/\(UUID().uuidString)")
    }

    private var noUploads: String { (path as NSString).appendingPathComponent("uploads/none") }

    /// Removes `uploadDirectory` once `response` is done with: now, or after a streamed body was sent
    /// (a handler may stream an answer computed from an uploaded file).
    func removing(_ uploadDirectory: String, after response: OMCResponse) -> OMCResponse {
        guard uploadDirectory != noUploads else { return response }
        guard case .stream(let produce) = response.body else {
            Self.remove(uploadDirectory)
            return response
        }
        var result = response
        result.body = .stream { writer in
            defer { Self.remove(uploadDirectory) }
            try await produce(writer)
        }
        return result
    }

    private static func remove(_ directory: String) {
        guard FileManager.default.fileExists(atPath: directory) else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
