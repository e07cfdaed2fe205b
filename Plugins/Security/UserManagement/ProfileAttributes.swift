import Foundation
import PluginAPI

/// The attributes `createuser` and `updateuser` carry: `almapOsprofiles` (comma-separated profile
/// names), `userPassword` (clear text, or a `{CRYPT}$6$…` hash, also base64-encoded as `users`
/// shows it in the document), `almapPwdReset` and `almapPwdLocked` (`TRUE`/`FALSE`).
struct ProfileAttributes: Sendable {
    var profiles: [String]?
    var password: Password?
    var reset: Bool?
    var locked: Bool?

    enum Password: Sendable {
        case clear(String)
        /// A crypt(3) hash to store as it is (without the `{CRYPT}` label).
        case hash(String)
    }

    /// Reads the attributes of `members`; `updateuser`'s `attrlist` items are read the same way.
    mutating func read(_ members: [String: JSONValue]) throws(OMCError) {
        let body = BodyFields(members)
        if let text = try body.text("almapOsprofiles", maxLength: 500) {
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty, names.count <= 20 else { throw OMCError.invalid("almapOsprofiles", "must name 1 to 20 profiles, separated by commas") }
            profiles = names
        }
        if body.has("userPassword") {
            guard case .string(let text)? = members["userPassword"], !text.isEmpty, text.count <= 512 else {
                throw OMCError.invalid("userPassword", "must be a password or a {CRYPT} hash")
            }
            password = try Self.parsePassword(text)
        }
        if let flag = try Self.flag(body, "almapPwdReset") { reset = flag }
        if let flag = try Self.flag(body, "almapPwdLocked") { locked = flag }
    }

    static func parsePassword(_ text: String) throws(OMCError) -> Password {
        let labelled = text.uppercased().hasPrefix("{CRYPT}")
            ? text
            : Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) }.flatMap { $0.uppercased().hasPrefix("{CRYPT}") ? $0 : nil }
        guard let labelled else { return .clear(text) }
        let hash = PasswordHasher.withoutLDAPPrefix(labelled)
        guard PasswordHasher.isVerifiableHash(hash) else {
            throw OMCError.invalid("userPassword", "the {CRYPT} hash is not one this OMC can verify (SHA-512 $6$, SHA-256 $5$, bcrypt $2b$, yescrypt $y$)")
        }
        return .hash(hash)
    }

    static func flag(_ body: BodyFields, _ name: String) throws(OMCError) -> Bool? {
        do {
            return try body.flag(name)
        } catch {
            throw OMCError.invalid(name, "must be TRUE or FALSE")
        }
    }

    /// The role ids of `profiles`: a role whose `profile` is the name, else a role whose key is
    /// the name (custom profiles), compared case-insensitively.
    static func roleIDs(_ profiles: [String], in db: any DatabaseConnection) throws -> [Int64] {
        try profiles.map { name in
            let row = try db.first("""
                SELECT role_id FROM security_role WHERE del_flag = '0' AND (lower(profile) = lower(?) OR lower(role_key) = lower(?))
                ORDER BY CASE WHEN lower(profile) = lower(?) THEN 0 ELSE 1 END, role_id
                """, [.text(name), .text(name), .text(name)])
            guard let id = row?.int("role_id") else {
                throw OMCError.invalid("almapOsprofiles", "no profile named '\(name)' (Administrator, Constructor, Operator, Viewer, or a role's key)")
            }
            return Int64(id)
        }
    }
}
