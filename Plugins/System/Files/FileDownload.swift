import Foundation
import PluginAPI

/// A stored file as an HTTP answer: the whole file, or the one byte range `Range: bytes=a-b` asks
/// (206 with `Content-Range`, 416 when it lies outside), and 304 when `If-None-Match` holds its
/// entity tag (size and modification time). Read in 64 KiB pieces, so memory stays flat.
enum FileDownload {
    static let pieceSize = 64 * 1024

    static func respond(path: String, request: OMCRequest) throws -> OMCResponse {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let tag = "\"\(String(size, radix: 16))-\(String(Int(modified * 1000), radix: 16))\""
        var headers = HeaderFields([("ETag", tag), ("Accept-Ranges", "bytes")])
        if let match = request.headers["If-None-Match"],
           match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return OMCResponse(status: 304, headers: headers, body: .empty)
        }
        var start = 0, end = size - 1, status = 200
        if let range = request.headers["Range"] {
            guard let bounds = byteRange(range, size: size) else {
                headers.add("Content-Range", "bytes */\(size)")
                return OMCResponse(status: 416, headers: headers, body: .bytes(Array(#"{"code":500,"msg":"Range: not satisfiable"}"#.utf8)))
            }
            (start, end, status) = (bounds.lowerBound, bounds.upperBound, 206)
            headers.add("Content-Range", "bytes \(start)-\(end)/\(size)")
        }
        let length = max(0, end - start + 1)
        headers.add("Content-Type", "application/octet-stream")
        headers.add("Content-Length", String(length))
        // Stored names are letters, digits, '_', '-' and '.', so they need no quoting rules.
        headers.add("Content-Disposition", "attachment; filename=\"\((path as NSString).lastPathComponent)\"")
        let offset = UInt64(start)
        return OMCResponse(status: status, headers: headers, body: .stream { writer in
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: offset)
            var remaining = length
            while remaining > 0 {
                let piece = try handle.read(upToCount: min(remaining, pieceSize)) ?? Data()
                guard !piece.isEmpty else { throw OMCError(.internal, "the file shrank while it was being sent") }
                remaining -= piece.count
                try await writer.write(Array(piece))
            }
        })
    }

    /// The one range of `bytes=a-b`, `bytes=a-` or `bytes=-n` within `size`; `nil` when unsatisfiable
    /// or not of that form (several ranges are not served).
    static func byteRange(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = String(spec[..<dash]), last = String(spec[spec.index(after: dash)...])
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { return nil }
            return max(0, size - suffix)...(size - 1)
        }
        guard let start = Int(first), start >= 0, start < size else { return nil }
        if last.isEmpty { return start...(size - 1) }
        guard let end = Int(last), end >= start else { return nil }
        return start...min(end, size - 1)
    }
}
