import Foundation
import PluginAPI

/// The `security_session` table: one row per live session. The online list reads it, logout and
/// forced quit delete a row, and every change that must end a user's sessions (password change,
/// lock, disable, deletion) calls ``revokeAll(userID:in:)`` in the same transaction.
enum SessionStore {
    /// One live session.
    struct Session: Sendable {
        let sessionID: String
        let userID: Int64
        let userName: String
        let departmentName: String
        let clientAddress: String
        let location: String
        let browser: String
        let operatingSystem: String
        let loginTime: Int64
        let expiresAt: Int64
    }

    static func insert(_ session: Session, in db: any DatabaseConnection) throws {
        try db.execute("""
            INSERT INTO security_session (session_id, user_id, user_name, dept_name, ipaddr, login_location, browser, os, login_time, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(session.sessionID), .integer(session.userID), .text(session.userName), .text(session.departmentName),
                  .text(session.clientAddress), .text(session.location), .text(session.browser), .text(session.operatingSystem),
                  .integer(session.loginTime), .integer(session.expiresAt)])
    }

    /// Ends one session; returns whether it existed.
    @discardableResult
    static func revoke(sessionID: String, in db: any DatabaseConnection) throws -> Bool {
        try db.execute("DELETE FROM security_session WHERE session_id = ?", [.text(sessionID)])
        return db.changedRowCount > 0
    }

    /// Ends every session of a user; returns how many there were. Call ``SecurityState/userChanged(_:)``
    /// after the transaction commits so the in-memory cache forgets them too.
    @discardableResult
    static func revokeAll(userID: Int64, in db: any DatabaseConnection) throws -> Int {
        try db.execute("DELETE FROM security_session WHERE user_id = ?", [.integer(userID)])
        return db.changedRowCount
    }

    static func deleteExpired(now: Int64, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_session WHERE expires_at <= ?", [.integer(now)])
    }

    static func session(_ row: DatabaseRow) -> Session {
        Session(sessionID: row.string("session_id") ?? "", userID: Int64(row.int("user_id") ?? 0), userName: row.string("user_name") ?? "",
                departmentName: row.string("dept_name") ?? "", clientAddress: row.string("ipaddr") ?? "",
                location: row.string("login_location") ?? "", browser: row.string("browser") ?? "", operatingSystem: row.string("os") ?? "",
                loginTime: Int64(row.int("login_time") ?? 0), expiresAt: Int64(row.int("expires_at") ?? 0))
    }

    /// Live sessions, newest first, optionally filtered (substring, case-insensitive; `LIKE` wildcards in the filter are literal).
    static func live(now: Int64, userName: String?, clientAddress: String?, in db: any DatabaseConnection) throws -> [Session] {
        var query = SQLListQuery()
        query.between("expires_at", .integer(now + 1), nil)
        query.contains("user_name", userName)
        query.contains("ipaddr", clientAddress)
        query.orderBy = "login_time DESC"
        let (sql, arguments) = query.selectSQL("SELECT * FROM security_session")
        return try db.query(sql, arguments).map(session)
    }

    /// A new session id: 32 random lower-case letters and digits, like the document's `tokenId`.
    static func newID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
