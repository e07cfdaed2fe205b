import PluginAPI

/// The `security_login_source` table: failed logins per client address, whatever names they tried.
/// The lockout per name (``LoginThrottle``) cannot see password spraying (one or two guesses at
/// each of many names); this counts every failure from one address in a fixed window and refuses
/// that address's logins once the count reaches the limit, until the window has passed.
enum SourceThrottle {
    /// The address's key: the client address, or `unknown` when the transport gives none.
    static func key(_ address: String?) -> String {
        guard let address, !address.isEmpty else { return "unknown" }
        return String(address.prefix(64))
    }

    /// Milliseconds until the address may try again, or `nil` when it may now.
    static func blockedFor(_ address: String?, now: Int64, settings: SecuritySettings, in db: any DatabaseConnection) throws -> Int64? {
        guard let row = try db.first("SELECT failures, window_start FROM security_login_source WHERE source = ?", [.text(key(address))]),
              let failures = row.int("failures"), let started = row.int("window_start") else { return nil }
        let windowEnd = Int64(started) + Int64(settings.sourceFailureWindowSeconds) * 1000
        guard failures >= settings.maxFailedLoginsPerSource, windowEnd > now else { return nil }
        return windowEnd - now
    }

    /// Counts a failure from the address; a window that has passed starts again at `now`.
    static func recordFailure(_ address: String?, now: Int64, settings: SecuritySettings, in db: any DatabaseConnection) throws {
        let windowStart = now - Int64(settings.sourceFailureWindowSeconds) * 1000
        let row = try db.first("SELECT failures, window_start FROM security_login_source WHERE source = ?", [.text(key(address))])
        var (failures, start) = (1, now)
        if let row, let started = row.int("window_start"), Int64(started) > windowStart {
            failures = (row.int("failures") ?? 0) + 1
            start = Int64(started)
        }
        try db.execute("""
            INSERT INTO security_login_source (source, failures, window_start) VALUES (?, ?, ?)
            ON CONFLICT (source) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start
            """, [.text(key(address)), .int(failures), .integer(start)])
    }

    /// Forgets addresses whose window has passed (the periodic job), so the table stays small.
    static func deleteExpired(now: Int64, settings: SecuritySettings, in db: any DatabaseConnection) throws {
        try db.execute("DELETE FROM security_login_source WHERE window_start <= ?",
                       [.integer(now - Int64(settings.sourceFailureWindowSeconds) * 1000)])
    }
}
