import Crypto
import Foundation
import PluginAPI

/// `/common/hash` and `/common/hmac`: digests of a text, as lower-case hex. The HMAC key is the
/// site's own (``SiteKey``, a file in the plugin's folder), never a caller's session or token.
enum HashRoutes {
    static let algorithms = ["md5", "sha1", "sha256", "sha384", "sha512"]
    static let body = ValueSchema.object([
        "type": .string(oneOf: algorithms, description: "md5, sha1, sha256, sha384 or sha512"),
        "str": .string(maxLength: 1 << 20, description: "The text to digest (UTF-8)"),
    ], required: ["type", "str"], name: "DigestRequest")

    static func declare(_ plugin: inout PluginRegistrar, key: SiteKey) {
        plugin.route(.post, "/common/hash", permission: "system:common:hash", audit: AuditClass.none, summary: "Digest of a text",
                     bodyLimit: (1 << 20) + 1024, body: .json(body), answer: .data(.string(description: "Lower-case hex"))) { request, _ in
            let (type, text) = try read(try await request.decode(JSONValue.self))
            return .success(hex(digest(type, Array(text.utf8))))
        }
        plugin.route(.post, "/common/hmac", permission: "system:common:hmac", audit: AuditClass.none, summary: "HMAC of a text with the site's key",
                     bodyLimit: (1 << 20) + 1024, body: .json(body), answer: .data(.string(description: "Lower-case hex"))) { request, context in
            let (type, text) = try read(try await request.decode(JSONValue.self))
            return .success(hex(hmac(type, Array(text.utf8), key: try key.bytes(context))))
        }
    }

    static func read(_ body: JSONValue) throws -> (String, String) {
        (LenientText.of(body["type"])?.lowercased() ?? "", LenientText.of(body["str"]) ?? "")
    }

    static func digest(_ type: String, _ bytes: [UInt8]) -> [UInt8] {
        switch type {
        case "md5": Array(Insecure.MD5.hash(data: bytes))
        case "sha1": Array(Insecure.SHA1.hash(data: bytes))
        case "sha384": Array(SHA384.hash(data: bytes))
        case "sha512": Array(SHA512.hash(data: bytes))
        default: Array(SHA256.hash(data: bytes))
        }
    }

    static func hmac(_ type: String, _ bytes: [UInt8], key: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch type {
        case "md5": return Array(HMAC<Insecure.MD5>.authenticationCode(for: bytes, using: key))
        case "sha1": return Array(HMAC<Insecure.SHA1>.authenticationCode(for: bytes, using: key))
        case "sha384": return Array(HMAC<SHA384>.authenticationCode(for: bytes, using: key))
        case "sha512": return Array(HMAC<SHA512>.authenticationCode(for: bytes, using: key))
        default: return Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
