import PluginAPI

/// The `security_login_failure` table: failed logins per user name (known or not, so that the
/// answer does not tell which names exist), and the lock they cause.
enum LoginThrottle {
    static func key(_ userName: String) -> String { String(userName.lowercased().prefix(64)) }

    /// Milliseconds until the name is unlocked, or `nil` when it is not locked.
    static func lockedFor(_ userName: String, now: Int64, in db: any DatabaseConnection) throws -> Int64? {
        guard let until = try db.first("SELECT locked_until FROM security_login_failure WHERE user_key = ?", [.text(key(userName))])?
            .int("locked_until").map(Int64.init), until > now else { return nil }
        return until - now
    }

    /// Counts a failure; returns whether it locked the name.
    static func recordFailure(_ userName: String, now: Int64, settings: SecuritySettings, in db: any DatabaseConnection) throws -> Bool {
        let windowStart = now - Int64(settings.failureWindowSeconds) * 1000
        let row = try db.first("SELECT failures, window_start FROM security_login_failure WHERE user_key = ?", [.text(key(userName))])
        var failures = 1
        var start = now
        if let row, let started = row.int("window_start"), Int64(started) >= windowStart {
            failures = (row.int("failures") ?? 0) + 1
            start = Int64(started)
        }
        let locks = failures >= settings.maxFailedLogins
        try db.execute("""
            INSERT INTO security_login_failure (user_key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
            ON CONFLICT (user_key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
                                                 locked_until = excluded.locked_until
            """, [.text(key(userName)), .int(locks ? 0 : failures), .integer(start),
                  locks ? .integer(now + Int64(settings.lockoutSeconds) * 1000) : .null])
        return locks
    }

    /// Forgets the failures of a name: after a good login, or when an administrator unlocks it.
    /// Returns whether the name was locked.
    @discardableResult
    static func clear(_ userName: String, now: Int64, in db: any DatabaseConnection) throws -> Bool {
        let wasLocked = try lockedFor(userName, now: now, in: db) != nil
        try db.execute("DELETE FROM security_login_failure WHERE user_key = ?", [.text(key(userName))])
        return wasLocked
    }
}
