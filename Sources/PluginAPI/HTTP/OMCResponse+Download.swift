import Foundation

extension OMCResponse {
    /// The size of the chunks a download is read and sent in.
    static let downloadChunkSize = 64 * 1024

    /// A file download streamed from disk in chunks (memory stays flat whatever the size), with
    /// `Content-Type: contentType`, `Content-Length`, and `Content-Disposition: attachment` naming
    /// `fileName` (RFC 6266; non-ASCII names are sent as RFC 5987 `filename*` beside an ASCII fallback).
    ///
    /// With `removeWhenSent`, the file is deleted once the body has been sent or the transfer failed,
    /// which suits export files written to ``HostInfo/scratchDirectory``. A file that cannot be read
    /// when the response is made answers HTTP 500 naming the file's name (not its path).
    public static func download(path: String, fileName: String, contentType: String, removeWhenSent: Bool = true) -> OMCResponse {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue,
              let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(OMCError(.internal, "the file \(fileName) to download could not be read"))
        }
        let file = DownloadFile(handle: handle, path: path, removeWhenDone: removeWhenSent)
        let headers = HeaderFields([
            ("Content-Type", contentType),
            ("Content-Length", String(size)),
            ("Content-Disposition", ContentDisposition.attachment(fileName: fileName)),
        ])
        return OMCResponse(headers: headers, body: .stream { writer in
            defer { file.finish() }
            var remaining = size
            while remaining > 0 {
                let chunk = try file.handle.read(upToCount: min(remaining, downloadChunkSize)) ?? Data()
                guard !chunk.isEmpty else { throw OMCError(.internal, "the file \(fileName) shrank while it was being sent") }
                remaining -= chunk.count
                try await writer.write(Array(chunk))
            }
        })
    }
}

/// The open file behind a download; closing and removal happen once, after the body was sent.
private final class DownloadFile: Sendable {
    /// Only the one streaming closure reads from it, sequentially.
    let handle: FileHandle
    let path: String
    let removeWhenDone: Bool

    init(handle: FileHandle, path: String, removeWhenDone: Bool) {
        self.handle = handle
        self.path = path
        self.removeWhenDone = removeWhenDone
    }

    func finish() {
        try? handle.close()
        if removeWhenDone { try? FileManager.default.removeItem(atPath: path) }
    }
}
