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

    /// A fresh folder name for one request's uploads; it is created only when a file arrives.
    func newUploadDirectory() -> String {
        (path as NSString).appendingPathComponent("uploads/\(UUID().uuidString)")
    }

    /// Removes `uploadDirectory` once `response` is done with: now, or after a streamed body was sent
    /// (a handler may stream an answer computed from an uploaded file).
    func removing(_ uploadDirectory: String, after response: OMCResponse) -> OMCResponse {
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
