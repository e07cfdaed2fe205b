import Crypto
import Foundation
import PluginAPI

/// An API token: a named, expiring credential a user makes for scripts and northbound systems. It
/// acts for its owner, limited to the permission patterns it was given (never more than the owner's
/// current rights, see ``UserRights/limited(to:)``), and needs neither captcha nor password change.
/// The `security_api_token` table keeps only the SHA-256 of the secret; the secret is shown once.
struct APIToken: Sendable {
    let tokenID: Int64
    let userID: Int64
    let userName: String
    let name: String
    let permissions: [String]
    let createdAt: Int64
    let expiresAt: Int64
    let lastUsedAt: Int64?

    /// Every secret starts with this, so the authenticator tells a token from a session at a glance
    /// and a leaked one is easy to find by search.
    static let secretPrefix = "omc_"
    /// The caller's `sessionID` for a token: `apitoken:<id>`.
    static let sessionPrefix = "apitoken:"

    /// A new secret: 256 random bits, base64url.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return secretPrefix + text
    }

    /// What is stored and looked up: hex SHA-256 of the secret. The secret has 256 bits of entropy,
    /// so a plain hash is enough (no salt or slow hash needed, unlike passwords).
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The token id in a caller's `sessionID`, or `nil` for a login session.
    static func id(of caller: Caller) -> Int64? {
        guard let session = caller.sessionID, session.hasPrefix(sessionPrefix) else { return nil }
        return Int64(session.dropFirst(sessionPrefix.count))
    }

    static func sessionID(_ tokenID: Int64) -> String { sessionPrefix + String(tokenID) }

    var patterns: [PermissionPattern] { permissions.compactMap(PermissionPattern.init) }

    // MARK: - The table

    static let columns = """
        t.token_id, t.user_id, u.user_name, t.token_name, t.permissions, t.create_time, t.expires_at, t.last_used_at
        """

    static func token(_ row: DatabaseRow) -> APIToken {
        APIToken(tokenID: Int64(row.int("token_id") ?? 0), userID: Int64(row.int("user_id") ?? 0), userName: row.string("user_name") ?? "",
                 name: row.string("token_name") ?? "",
                 permissions: (row.string("permissions") ?? "").split(separator: ",").map(String.init),
                 createdAt: Int64(row.int("create_time") ?? 0), expiresAt: Int64(row.int("expires_at") ?? 0),
                 lastUsedAt: row.int("last_used_at").map(Int64.init))
    }

    /// Stores a new token; returns its id. A name the owner already uses is a conflict.
    static func insert(userID: Int64, name: String, secretHash: String, permissions: [String], now: Int64, expiresAt: Int64,
                       in db: any DatabaseConnection) throws -> Int64 {
        if try db.first("SELECT token_id FROM security_api_token WHERE user_id = ? AND token_name = ?",
                        [.integer(userID), .text(name)]) != nil {
            throw OMCError(.conflict, "name: you already have a token named '\(name)'; revoke it first or choose another name")
        }
        // Patterns hold only letters, digits, '-', '_', '*', ':' and a leading '!', so a comma separates them safely.
        guard let id = try db.first("""
            INSERT INTO security_api_token (token_id, user_id, token_name, token_hash, permissions, create_time, expires_at)
            VALUES ((SELECT COALESCE(MAX(token_id), 0) + 1 FROM security_api_token), ?, ?, ?, ?, ?, ?) RETURNING token_id
            """, [.integer(userID), .text(name), .text(secretHash), .text(permissions.joined(separator: ",")), .integer(now),
                  .integer(expiresAt)])?.int("token_id") else {
            throw OMCError(.internal, "the new token '\(name)' was not stored")
        }
        return Int64(id)
    }

    /// The token whose secret hashes to `secretHash`, with its owner; `nil` when there is none.
    static func find(secretHash: String, in db: any DatabaseConnection) throws -> APIToken? {
        try db.first("SELECT \(columns) FROM security_api_token t JOIN security_user u ON u.user_id = t.user_id WHERE t.token_hash = ?",
                     [.text(secretHash)]).map(token)
    }

    static func find(tokenID: Int64, in db: any DatabaseConnection) throws -> APIToken? {
        try db.first("SELECT \(columns) FROM security_api_token t JOIN security_user u ON u.user_id = t.user_id WHERE t.token_id = ?",
                     [.integer(tokenID)]).map(token)
    }

    /// Tokens, newest first: those of `userID`, or everyone's when `userID` is `nil`.
    static func list(userID: Int64?, in db: any DatabaseConnection) throws -> [APIToken] {
        let mine = userID.map { _ in " WHERE t.user_id = ?" } ?? ""
        return try db.query("SELECT \(columns) FROM security_api_token t JOIN security_user u ON u.user_id = t.user_id\(mine) ORDER BY t.token_id DESC",
                            userID.map { [SQLValue.integer($0)] } ?? []).map(token)
    }

    static func delete(tokenID: Int64, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_api_token WHERE token_id = ?", [.integer(tokenID)])
    }

    static func deleteExpired(now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_api_token WHERE expires_at <= ?", [.integer(now)])
    }

    static func touch(tokenID: Int64, now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("UPDATE security_api_token SET last_used_at = ? WHERE token_id = ?", [.integer(now), .integer(tokenID)])
    }

    /// How a token is listed: never its secret or hash.
    struct View: Encodable, Sendable {
        let tokenId: String
        let tokenName: String
        let userName: String
        let permissions: [String]
        let createTime: Int64
        let expiresAt: Int64
        let lastUsedAt: Int64?
    }

    var view: View {
        View(tokenId: String(tokenID), tokenName: name, userName: userName, permissions: permissions, createTime: createdAt,
             expiresAt: expiresAt, lastUsedAt: lastUsedAt)
    }
}
