import Foundation
internal import MultipartKit
internal import NIOCore

/// Feeds a request body through multipart-kit's streaming parser: text parts are kept in memory
/// (each at most ``MultipartForm/fieldLimit`` bytes), file parts go straight to files in the request's
/// upload folder, so memory stays flat whatever the upload's size.
///
/// The parser reports through callbacks that cannot throw; the first failure is kept in `failure`
/// and thrown by ``read(_:)`` after the chunk that caused it.
final class MultipartFormReader {
    private enum Part {
        case field(name: String, bytes: [UInt8])
        case file(UploadedFile, descriptor: Int32)
    }

    private let boundary: String
    private let directory: String
    private var fields: [String: String] = [:]
    private var files: [UploadedFile] = []
    private var headers: [(name: String, value: String)] = []
    private var part: Part?
    private var partCount = 0
    private var failure: OMCError?
    /// Finds the closing delimiter `\r\n--boundary--` across chunk edges: its presence is what tells
    /// a complete body from a truncated one.
    private let closingDelimiter: [UInt8]
    private var recent: [UInt8] = Array("\r\n".utf8)
    private var closed = false

    /// Checks the `Content-Type` and prepares to read; throws when the body is not `multipart/form-data`
    /// or has no usable boundary.
    init(contentType: String?, directory: String) throws(OMCError) {
        guard let contentType, !contentType.isEmpty else {
            throw OMCError.invalid("Content-Type", "must be multipart/form-data with a boundary to upload files; the request has none")
        }
        let header = HeaderParameters(contentType)
        guard header.value == "multipart/form-data" else {
            throw OMCError.invalid("Content-Type", "must be multipart/form-data to upload files; got '\(header.value)'")
        }
        guard let boundary = header.parameters["boundary"], !boundary.isEmpty else {
            throw OMCError.invalid("Content-Type", "multipart/form-data needs a boundary parameter (RFC 7578)")
        }
        guard boundary.utf8.count <= 70 else {
            throw OMCError.invalid("Content-Type", "the multipart boundary is longer than 70 characters (RFC 2046)")
        }
        self.boundary = boundary
        self.directory = directory
        closingDelimiter = Array("\r\n--\(boundary)--".utf8)
    }

    deinit { closeOpenFile() }

    /// Reads the whole body and returns the form; the request's upload folder holds the files.
    func read(_ body: RequestBody) async throws -> MultipartForm {
        let parser = MultipartParser(boundary: boundary)
        var headerGuard = MultipartHeaderGuard(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in headers.append((name, value)) }
        parser.onBody = { [unowned self] buffer in receive(&buffer) }
        parser.onPartComplete = { [unowned self] in completePart() }
        for try await chunk in body {
            if closed { continue }
            noteClosingDelimiter(in: chunk)
            guard headerGuard.accepts(chunk) else {
                throw OMCError.invalid("body", "malformed multipart/form-data: a header name of part \(partCount + 1) has a byte that is not ASCII")
            }
            do {
                try parser.execute(chunk)
            } catch {
                throw OMCError.invalid("body", "malformed multipart/form-data: part \(partCount + 1) has a broken header block or boundary line")
            }
            if let failure { throw failure }
            // Parsing is synchronous work; between chunks, let other requests' tasks run.
            await Task.yield()
        }
        guard closed, part == nil else {
            throw OMCError.invalid("body", "the multipart/form-data body ends before its closing boundary '--\(boundary)--' (truncated upload?)")
        }
        return MultipartForm(fields: fields, files: files)
    }

    private func noteClosingDelimiter(in chunk: [UInt8]) {
        let keep = closingDelimiter.count - 1
        // The delimiter may straddle two chunks: search the previous chunk's tail joined to this one's head.
        closed = Self.contains(recent + chunk.prefix(keep), closingDelimiter) || Self.contains(chunk, closingDelimiter)
        recent = Array((recent + chunk.suffix(keep)).suffix(keep))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart, let index = haystack[start...lastStart].firstIndex(of: first) {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            start = index + 1
        }
        return false
    }

    private func receive(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        if part == nil { beginPart() }
        switch part {
        case .field(let name, var bytes):
            part = nil
            bytes.append(contentsOf: buffer.readableBytesView)
            if bytes.count > MultipartForm.fieldLimit {
                failure = OMCError(.tooLarge, "\(name): form field is larger than \(MultipartForm.fieldLimit) bytes")
                return
            }
            part = .field(name: name, bytes: bytes)
        case .file(let file, let descriptor):
            let written = buffer.withUnsafeReadableBytes { Self.writeAll($0, to: descriptor) }
            if written {
                part = .file(UploadedFile(fieldName: file.fieldName, fileName: file.fileName, contentType: file.contentType,
                                          path: file.path, size: file.size + buffer.readableBytes), descriptor: descriptor)
            } else {
                failure = OMCError(.internal, "the upload of \(file.fieldName) could not be written to disk: \(String(cString: strerror(errno)))")
            }
        case nil:
            break
        }
    }

    private func completePart() {
        guard failure == nil else { return }
        if part == nil { beginPart() }
        switch part {
        case .field(let name, let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                failure = OMCError.invalid(name, "form field is not UTF-8 text")
                return
            }
            fields[name] = text
        case .file(let file, let descriptor):
            close(descriptor)
            files.append(file)
        case nil:
            break
        }
        part = nil
        headers = []
    }

    private func beginPart() {
        partCount += 1
        let disposition = headers.last { $0.name.lowercased() == "content-disposition" }.map { HeaderParameters($0.value) }
        guard let disposition, disposition.value == "form-data", let name = disposition.text("name"), !name.isEmpty else {
            failure = OMCError.invalid("body", "part \(partCount) has no 'Content-Disposition: form-data; name=...' header")
            return
        }
        guard let fileName = disposition.text("filename") else {
            part = .field(name: name, bytes: [])
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            failure = OMCError(.internal, "the upload folder could not be created: \(error.localizedDescription)")
            return
        }
        let path = (directory as NSString).appendingPathComponent("part-\(partCount)")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            failure = OMCError(.internal, "the upload of \(name) could not be stored: \(String(cString: strerror(errno)))")
            return
        }
        let contentType = headers.last { $0.name.lowercased() == "content-type" }?.value
        part = .file(UploadedFile(fieldName: name, fileName: fileName, contentType: contentType, path: path, size: 0), descriptor: descriptor)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    private func closeOpenFile() {
        if case .file(_, let descriptor) = part { close(descriptor) }
        part = nil
    }
}
