import Foundation
import PluginAPI

/// The `security_captcha` table: codes handed out by `GET /captchaImage`, valid two minutes and
/// usable once (a check deletes the code, right or wrong).
enum CaptchaStore {
    static let lifetimeMilliseconds: Int64 = 120_000
    /// Letters and digits that cannot be confused with each other (no 0/O, 1/I/l).
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    static let length = 4

    static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func insert(uuid: String, code: String, now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_captcha WHERE expires_at <= ?", [.integer(now)])
        try db.execute("INSERT INTO security_captcha (uuid, code, expires_at) VALUES (?, ?, ?)",
                       [.text(uuid), .text(code), .integer(now + lifetimeMilliseconds)])
    }

    /// Uses up the code `uuid` in its own transaction, so that a failed check still spends it; then
    /// throws the document's messages when it was missing, expired or wrong.
    static func consume(uuid: String?, code: String?, now: Int64, database: any PluginDatabase) async throws {
        guard let uuid, !uuid.isEmpty, let code, !code.isEmpty else { throw OMCError.invalid("code", "the verification code is required") }
        let issued = try await database.write { db -> (code: String, expiresAt: Int64)? in
            let row = try db.first("SELECT code, expires_at FROM security_captcha WHERE uuid = ?", [.text(uuid)])
            try db.execute("DELETE FROM security_captcha WHERE uuid = ?", [.text(uuid)])
            guard let row, let expected = row.string("code"), let expiresAt = row.int("expires_at") else { return nil }
            return (expected, Int64(expiresAt))
        }
        guard let issued, issued.expiresAt > now else { throw OMCError(.invalidInput, "Verification code has expired") }
        guard issued.code.uppercased() == code.trimmingCharacters(in: .whitespaces).uppercased() else {
            throw OMCError(.invalidInput, "Verification code error")
        }
    }
}
