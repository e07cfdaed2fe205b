import Crypto
import Foundation
import PluginAPI

/// Encrypts Ki and OPc for the OMC's database with AES-256-GCM: each value gets a fresh random
/// nonce and is stored as nonce, ciphertext and tag together, so a stolen database file reveals no
/// secret without the key.
struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// A box with a 256-bit key.
    init(key: SymmetricKey) {
        self.key = key
    }

    /// `text` sealed.
    func seal(_ text: String) throws -> [UInt8] {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
            throw OMCError(.internal, "AES-GCM gave no combined form")
        }
        return Array(combined)
    }

    /// The text `bytes` were sealed from; a wrong key or altered bytes throw.
    func open(_ bytes: [UInt8]) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: bytes)
            return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
        } catch {
            throw OMCError(.internal, "a stored secret cannot be decrypted with this key (was secretKey or udm/secret.key changed?)")
        }
    }

    /// The key given in configuration (64 hex digits), or the one kept in `<folder>/secret.key`,
    /// created with owner-only permissions on first start.
    static func load(configured: String?, folder: String) throws -> SecretBox {
        if let configured, !configured.isEmpty {
            guard let bytes = hexBytes(configured), bytes.count == 32 else {
                throw OMCError.invalid("secretKey", "must be 64 hexadecimal digits (a 256-bit key)")
            }
            return SecretBox(key: SymmetricKey(data: bytes))
        }
        let path = folder + "/secret.key"
        let files = FileManager.default
        if let data = files.contents(atPath: path) {
            guard data.count == 32 else { throw OMCError(.internal, "\(path) must hold exactly 32 bytes; it holds \(data.count)") }
            return SecretBox(key: SymmetricKey(data: data))
        }
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        guard files.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw OMCError(.internal, "cannot create \(path)")
        }
        return SecretBox(key: key)
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
