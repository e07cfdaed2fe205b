import Foundation
import PluginAPI
#if canImport(Glibc)
import Glibc
#endif

/// The HS256 key that signs session tokens: from configuration, or generated on first start into
/// the plugin's folder as `jwt.key` (`<dataDir>/security/jwt.key`, where it always was: 256 random
/// bits, base64, mode 0600) and read from there afterwards.
enum SigningKey {
    static func load(configured: [UInt8]?, folder: String, logger: PluginLogger) throws -> [UInt8] {
        if let configured { return configured }
        let path = (folder as NSString).appendingPathComponent("jwt.key")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // An existing folder keeps whatever mode it had: tighten it at every start.
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        if FileManager.default.fileExists(atPath: path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                logger.warning("\(path) was readable by other users; its mode is now 0600. Consider replacing the key: every session ends.")
            }
            let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let key = Data(base64Encoded: text), key.count >= 32 else {
                throw OMCError(.internal, "\(path) does not hold a base64 key of at least 256 bits; remove it to have a new one generated")
            }
            return Array(key)
        }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try writeOwnerOnly(Array((Data(key).base64EncodedString() + "\n").utf8), to: path)
        logger.info("generated the session signing key \(path)")
        return key
    }

    /// Creates the file with mode 0600 from the start, so the key is never readable by others.
    private static func writeOwnerOnly(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw OMCError(.internal, "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw OMCError(.internal, "cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}
