public import Foundation
public import Hummingbird
import NIOCore
import NIOPosix

/// The files pushed to one NE, kept under its own folder. Uploads are streamed to disk (a temporary
/// file renamed into place when complete, so a cut upload leaves nothing half-written), and downloads
/// are streamed back.
public struct FileStore: Sendable {
    /// The NE's folder.
    public let root: URL
    /// Largest file accepted by default: 64 MiB.
    public static let defaultMaximumSize = 64 << 20
    /// Largest accepted file.
    public let maximumSize: Int
    /// Longest accepted relative path.
    public static let maximumPathLength = 255

    private let fileIO = FileIO(threadPool: .singleton)

    /// A store rooted at `root`, created when the first file arrives.
    public init(root: URL, maximumSize: Int = FileStore.defaultMaximumSize) {
        self.root = root
        self.maximumSize = maximumSize
    }

    /// `relative` as a location under the root, or a 400 ``NEReplyError`` saying why it is refused:
    /// empty, too long, absolute, containing `..`, `.` or empty segments, or control characters.
    public func location(of relative: String?) throws(NEReplyError) -> URL {
        guard let relative, !relative.isEmpty else {
            throw NEReplyError(status: 400, "give the file's path relative to the NE's folder, like ?path=conf/a.txt")
        }
        guard relative.utf8.count <= Self.maximumPathLength else {
            throw NEReplyError(status: 400, "path is \(relative.utf8.count) bytes long; at most \(Self.maximumPathLength) are allowed")
        }
        guard !relative.hasPrefix("/") else {
            throw NEReplyError(status: 400, "path '\(relative)' is absolute; give it relative to the NE's folder")
        }
        guard !relative.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }) else {
            throw NEReplyError(status: 400, "path must not contain control characters or backslashes")
        }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments where segment.isEmpty || segment == "." || segment == ".." {
            throw NEReplyError(status: 400, "path '\(relative)' must not contain '..', '.' or empty segments")
        }
        return segments.reduce(root) { $0.appendingPathComponent(String($1)) }
    }

    /// Streams `body` into the file at `relative`, replacing any earlier one; returns its size.
    public func store<Body: AsyncSequence & Sendable>(_ body: Body, at relative: String?, announcedLength: Int?,
                                                      context: some RequestContext) async throws -> Int where Body.Element == ByteBuffer {
        let target = try location(of: relative)
        if let announcedLength, announcedLength > maximumSize {
            throw NEReplyError(status: 413, "the file is \(announcedLength) bytes; at most \(maximumSize) are accepted")
        }
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw NEReplyError(status: 409, "cannot store '\(relative ?? "")': part of its folder path is an existing file")
        }
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).part")
        let overflow = OverflowFlag()
        let counted = SizeLimitedSequence(base: body, limit: maximumSize, overflow: overflow)
        do {
            try await fileIO.writeFile(contents: counted, path: partial.path, context: context)
            let size = (try FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.intValue ?? 0
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), isFolder.boolValue {
                throw NEReplyError(status: 409, "'\(relative ?? "")' is a folder")
            }
            // rename(2) replaces an earlier file atomically: a reader sees the old file or the new one.
            guard rename(partial.path, target.path) == 0 else {
                throw NEReplyError(status: 500, "cannot move the upload into place: \(String(cString: strerror(errno)))")
            }
            return size
        } catch {
            try? FileManager.default.removeItem(at: partial)
            if overflow.isRaised {
                throw NEReplyError(status: 413, "the file is larger than \(maximumSize) bytes")
            }
            throw error
        }
    }

    /// The file at `relative` as a streamed body with its size; a 404 ``NEReplyError`` when missing.
    public func load(_ relative: String?, context: some RequestContext) async throws -> (body: ResponseBody, size: Int) {
        let target = try location(of: relative)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), !isFolder.boolValue,
              let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.intValue else {
            throw NEReplyError(status: 404, "no file '\(relative ?? "")' on this NE")
        }
        do {
            return (try await fileIO.loadFile(path: target.path, context: context), size)
        } catch {
            throw NEReplyError(status: 404, "no file '\(relative ?? "")' on this NE")
        }
    }
}
