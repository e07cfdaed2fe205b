import Foundation
import PluginAPI
import Synchronization

/// The site's HMAC key: 32 random bytes in `<plugin folder>/hmac.key` (mode 0600), made at the first
/// start and kept across restarts, so a digest made today verifies tomorrow. It never leaves the OMC.
final class SiteKey: Sendable {
    private let loaded = Mutex<[UInt8]?>(nil)
    static let fileName = "hmac.key"

    /// Loads the key, making it first if the folder has none.
    func prepare(folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        if let data = FileManager.default.contents(atPath: path), data.count == 32 {
            loaded.withLock { $0 = Array(data) }
            return
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        loaded.withLock { $0 = bytes }
    }

    func bytes(_ context: PluginContext) throws -> [UInt8] {
        if let bytes = loaded.withLock({ $0 }) { return bytes }
        try prepare(folder: context.dataDirectory)
        return loaded.withLock { $0 } ?? []
    }
}
