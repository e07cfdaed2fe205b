import Crypto
import Foundation
import PluginAPI

/// Chunks of resumable uploads, kept in `<plugin folder>/chunks/<owner>/<identifier>/<index>` as they
/// arrive, so that an interrupted upload resumes with the missing chunks only. Each caller has their
/// own folder (the owner is the hex of their user name), so identifiers of two users never meet; a
/// `.touched` file holds the time of the last chunk, and uploads untouched for `expiryHours` are removed.
struct ChunkStore: Sendable {
    static let identifierPattern = "^[A-Za-z0-9_-]{1,64}$"
    static let maximumIndex = 100_000

    let root: String
    let settings: SystemSettings

    init(_ context: PluginContext, settings: SystemSettings) {
        root = (context.dataDirectory as NSString).appendingPathComponent("chunks")
        self.settings = settings
    }

    static func owner(_ caller: Caller?) -> String {
        Array((caller?.userName ?? "anonymous").utf8).map { String(format: "%02x", $0) }.joined()
    }

    static func checkedIdentifier(_ text: String?) throws -> String {
        guard let text, text.range(of: identifierPattern, options: .regularExpression) != nil else {
            throw OMCError.invalid("identifier", "must be 1 to 64 letters, digits, _ or - (such as the MD5 of the file name and size)")
        }
        return text
    }

    func folder(owner: String, identifier: String) -> String {
        "\(root)/\(owner)/\(identifier)"
    }

    /// The indices already stored, in order.
    func indices(owner: String, identifier: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(owner: owner, identifier: identifier))) ?? []
        return names.compactMap { Int($0) }.sorted()
    }

    /// Bytes of every pending chunk of `owner`.
    func pendingBytes(owner: String) -> Int {
        let base = "\(root)/\(owner)"
        var total = 0
        for upload in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(upload)")) ?? [] where Int(name) != nil {
                total += ((try? FileManager.default.attributesOfItem(atPath: "\(base)/\(upload)/\(name)"))?[.size] as? NSNumber)?.intValue ?? 0
            }
        }
        return total
    }

    /// Stores a chunk (moved from the request's upload folder), replacing one of the same index.
    func store(_ source: String, size: Int, index: Int, owner: String, identifier: String, now: Date) throws {
        guard pendingBytes(owner: owner) + size <= settings.maximumPendingMegabytes << 20 else {
            throw OMCError(.tooLarge, "your unfinished uploads would exceed \(settings.maximumPendingMegabytes) MiB; merge or let them expire first")
        }
        let target = folder(owner: owner, identifier: identifier)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let path = "\(target)/\(index)"
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: source, toPath: path)
        try Data(String(Milliseconds.of(now)).utf8).write(to: URL(fileURLWithPath: "\(target)/.touched"))
    }

    /// Joins the chunks 0…n-1 in order into a new file in `scratch`, checking that none is missing,
    /// the total size and the MD5 when given; returns the joined file. Memory stays flat.
    func merge(owner: String, identifier: String, totalChunks: Int?, totalSize: Int?, md5: String?, scratch: String) throws -> String {
        let present = indices(owner: owner, identifier: identifier)
        guard !present.isEmpty else { throw OMCError.notFound("no chunk of upload \(identifier) is stored") }
        let count = totalChunks ?? ((present.last ?? 0) + 1)
        let missing = (0..<count).filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw OMCError.invalid("identifier", "chunks \(missing.prefix(20).map(String.init).joined(separator: ", ")) of \(count) are missing; upload them and merge again")
        }
        if let extra = present.first(where: { $0 >= count }) {
            throw OMCError.invalid("totalChunks", "chunk \(extra) lies beyond the \(count) chunks announced")
        }
        let source = folder(owner: owner, identifier: identifier)
        let output = (scratch as NSString).appendingPathComponent("merge-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: output, contents: nil) else { throw OMCError(.internal, "the merged file could not be created") }
        var hasher = Insecure.MD5()
        var written = 0
        do {
            let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            defer { try? writer.close() }
            for index in 0..<count {
                let reader = try FileHandle(forReadingFrom: URL(fileURLWithPath: "\(source)/\(index)"))
                defer { try? reader.close() }
                while let block = try reader.read(upToCount: 1 << 20), !block.isEmpty {
                    try writer.write(contentsOf: block)
                    hasher.update(data: block)
                    written += block.count
                    guard written <= settings.maximumFileMegabytes << 20 else {
                        throw OMCError(.tooLarge, "the merged file would exceed \(settings.maximumFileMegabytes) MiB")
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: output)
            throw error
        }
        if let totalSize, totalSize != written {
            try? FileManager.default.removeItem(atPath: output)
            throw OMCError.invalid("totalSize", "the chunks hold \(written) bytes, not \(totalSize); nothing was merged")
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        if let md5, md5.lowercased() != digest {
            try? FileManager.default.removeItem(atPath: output)
            throw OMCError.invalid("md5", "the chunks' MD5 is \(digest), not \(md5); nothing was merged")
        }
        return output
    }

    func remove(owner: String, identifier: String) {
        try? FileManager.default.removeItem(atPath: folder(owner: owner, identifier: identifier))
    }

    /// Removes uploads whose last chunk came before `cutoff`; returns how many.
    func expire(before cutoff: Date) -> Int {
        var removed = 0
        for owner in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            for upload in (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(owner)")) ?? [] {
                let path = "\(root)/\(owner)/\(upload)"
                let touched = FileManager.default.contents(atPath: "\(path)/.touched").flatMap { Int64(String(decoding: $0, as: UTF8.self)) } ?? 0
                if Milliseconds.date(touched) < cutoff {
                    try? FileManager.default.removeItem(atPath: path)
                    removed += 1
                }
            }
        }
        return removed
    }
}
