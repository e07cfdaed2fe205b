import Foundation
import PluginAPI

/// Masks secrets before anything is written to the operation log: values of keys that name a
/// password, a subscriber key (Ki, OPc) or a token, in JSON bodies, query strings and MML arguments.
enum SecretMasker {
    static let mask = "******"

    /// Keys masked wherever they appear, compared case-insensitively; plus any key containing
    /// `password`, `secret` or `token`.
    static let secretKeys: Set<String> = ["password", "pwd", "passwd", "ki", "opc", "op", "k", "key", "authorization",
                                          "accesstoken", "privatekey", "signingkey", "apikey", "credential", "credentials"]

    static func isSecret(_ key: String, extra: [String] = []) -> Bool {
        let lower = key.lowercased()
        return secretKeys.contains(lower) || lower.contains("password") || lower.contains("secret") || lower.contains("token")
            || extra.contains { $0.lowercased() == lower }
    }

    /// The body as JSON with secret values masked, or a note of its size and type when it is not JSON.
    static func maskedBody(_ bytes: [UInt8], contentType: String?, extra: [String]) -> String {
        guard !bytes.isEmpty else { return "" }
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(masked(value, extra: extra)) { return String(decoding: data, as: UTF8.self) }
        }
        return "(\(bytes.count) bytes of \(contentType ?? "unknown type"))"
    }

    static func masked(_ value: JSONValue, extra: [String]) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { key, member in
                (key, isSecret(key, extra: extra) && member != .null ? .string(mask) : masked(member, extra: extra))
            }))
        case .array(let items):
            return .array(items.map { masked($0, extra: extra) })
        default:
            return value
        }
    }

    /// `name=value&…` with secret values masked.
    static func maskedQuery(_ query: QueryParameters, extra: [String]) -> String {
        query.pairs.map { "\($0.name)=\(isSecret($0.name, extra: extra) ? mask : $0.value)" }.joined(separator: "&")
    }

    /// The command as text with secret argument values masked (`ADD AUTHDAT: IMSI=…, KI=******`).
    static func maskedCommand(_ command: MMLCommand) -> String {
        let arguments = command.arguments.map { "\($0.name)=\(isSecret($0.name) ? mask : $0.value)" }
        return command.name + (arguments.isEmpty ? "" : ": " + arguments.joined(separator: ", "))
    }

    /// `text` cut to `limit` characters.
    static func truncated(_ text: String, limit: Int = 2000) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
