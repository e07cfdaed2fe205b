import Foundation
@testable import OMCHost
import OMCTesting
import PluginAPI
import Testing

/// SQLite-only constructs are refused, in migrations at start-up and in statements at run time, with
/// the construct and the portable form named.
@Suite struct PortableSQLTests {
    /// One SQLite-only text per rule, and a fragment of the message it must draw.
    static let sqliteOnly: [(sql: String, message: String)] = [
        ("INSERT OR REPLACE INTO t_a (k, v) VALUES (?, ?)", "INSERT OR REPLACE is SQLite-only: write INSERT … ON CONFLICT (…) DO UPDATE"),
        ("REPLACE INTO t_a (k, v) VALUES (?, ?)", "INSERT OR REPLACE is SQLite-only"),
        ("INSERT OR IGNORE INTO t_a (k) VALUES (?)", "ON CONFLICT DO NOTHING"),
        ("UPDATE OR ROLLBACK t_a SET v = 1", "the OR <conflict> clause is SQLite-only"),
        ("CREATE TABLE t_a (k TEXT PRIMARY KEY) WITHOUT ROWID", "WITHOUT ROWID is SQLite-only"),
        ("CREATE TABLE t_a (k TEXT PRIMARY KEY) STRICT", "STRICT tables are SQLite-only"),
        ("SELECT * FROM t_a WHERE id = last_insert_rowid()", "write INSERT … RETURNING"),
        ("SELECT changes()", "changes() is SQLite-only"),
        ("CREATE TRIGGER t_b BEFORE UPDATE ON t_a BEGIN SELECT RAISE(ABORT, 'no'); END", "RAISE() in triggers is SQLite-only"),
        ("CREATE TABLE t_a (id INTEGER PRIMARY KEY AUTOINCREMENT)", "AUTOINCREMENT is SQLite-only"),
        ("SELECT rowid, k FROM t_a", "the implicit rowid is SQLite-only"),
        ("CREATE TABLE t_a (key BLOB NOT NULL)", "declare bytes as BYTEA"),
        ("SELECT sqlite_version() AS v", "read HostInfo.databaseEngine"),
        ("SELECT name FROM sqlite_master", "sqlite_… tables and functions are SQLite-only"),
        ("PRAGMA table_info(t_a)", "PRAGMA is SQLite-only"),
        ("ATTACH DATABASE 'x.db' AS x", "ATTACH and DETACH are SQLite-only"),
        ("BEGIN IMMEDIATE", "transaction control belongs to the host"),
        ("SELECT * FROM t_a WHERE k GLOB 'a*'", "GLOB is SQLite-only"),
        ("SELECT * FROM t_a WHERE k REGEXP 'a.*'", "REGEXP is SQLite-only"),
        ("SELECT * FROM t_a WHERE k = ? COLLATE NOCASE", "compare lower(column) with lower(?)"),
        ("SELECT ifnull(k, '') FROM t_a", "write COALESCE()"),
        ("SELECT group_concat(k) FROM t_a", "group_concat() is SQLite-only"),
        ("SELECT instr(k, 'x') FROM t_a", "this function is SQLite-only"),
        ("SELECT strftime('%s', 'now')", "store times as integer milliseconds"),
        ("SELECT `k` FROM t_a", "quoting are not standard"),
        ("SELECT [k] FROM t_a", "quoting are not standard"),
        (#"SELECT "smData" FROM t_a"#, "a quoted mixed-case name is case-sensitive on PostgreSQL"),
        ("SELECT k FROM t_a LIMIT 10, 20", "write LIMIT n OFFSET m"),
    ]

    @Test func everySQLiteOnlyConstructIsNamedWithItsPortableForm() {
        for (sql, message) in Self.sqliteOnly {
            let problems = PortableSQL.problems(in: sql)
            #expect(problems.contains { $0.contains(message) }, "\(sql) → \(problems)")
        }
    }

    @Test func portableSQLPasses() {
        let portable = [
            "INSERT INTO t_a (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            "INSERT INTO t_a (k) VALUES (?) ON CONFLICT DO NOTHING",
            "INSERT INTO t_a (id, k) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM t_a), ?) RETURNING id",
            "CREATE TABLE t_a (id INTEGER PRIMARY KEY, key BYTEA NOT NULL, smData TEXT NOT NULL, created_at INTEGER NOT NULL)",
            "SELECT k, smData FROM t_a WHERE lower(k) LIKE lower(?) ESCAPE '\\' ORDER BY k LIMIT ? OFFSET ?",
            "SELECT \"k\" FROM t_a",
            "ALTER TABLE t_a ADD COLUMN release_note TEXT",
            "SELECT COUNT(*) AS n, SUM(total) AS total FROM t_a WHERE login_time > ?",
        ]
        for sql in portable { #expect(PortableSQL.problems(in: sql).isEmpty, "\(sql) → \(PortableSQL.problems(in: sql))") }
    }

    @Test func stringLiteralsAndCommentsAreNotSQL() {
        let sql = """
            -- INSERT OR REPLACE was used here before
            /* WITHOUT ROWID, sqlite_version() */
            INSERT INTO t_a (k, note) VALUES ('it''s a BLOB', 'INSERT OR REPLACE; PRAGMA x') -- rowid
            """
        #expect(PortableSQL.problems(in: sql).isEmpty, "\(PortableSQL.problems(in: sql))")
        #expect(PortableSQL.stripped("SELECT 'a''b' || x /* c */ FROM t -- d\n") == "SELECT '' || x   FROM t  \n")
        #expect(!PortableSQL.problems(in: "SELECT 'x' FROM t_a WHERE k GLOB 'a*'").isEmpty)
    }

    @Test func aStatementWithAnSQLiteOnlyConstructIsRefusedAtRunTimeAndChangesNothing() async throws {
        let host = try await MockHost.start([ProbePlugin.self])
        let probe = try #require(host.database(of: "probe"))
        for _ in 0..<2 { // the second answer comes from the cache of checked texts
            do {
                try await probe.write { db in try db.execute("INSERT OR REPLACE INTO probe_item (id, name) VALUES (?, ?)", [1, "x"]) }
                Issue.record("the statement ran")
            } catch {
                #expect("\(error)" == "plugin 'probe' ran SQL that is not portable: INSERT OR REPLACE is SQLite-only: write INSERT … ON CONFLICT (…) DO UPDATE SET …")
            }
        }
        #expect(try await probe.read { db in try db.first("SELECT COUNT(*) AS n FROM probe_item")?.int("n") } == 0)
        try await probe.write { db in
            try db.execute("INSERT INTO probe_item (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name", [1, "x"])
        }
        #expect(try await probe.read { db in try db.first("SELECT name FROM probe_item WHERE id = 1")?.string("name") } == "x")
        await host.shutdown()
    }

    @Test func anInsertLeavingTheIntegerPrimaryKeyToSQLiteIsRefused() async throws {
        let host = try await MockHost.start([ProbePlugin.self])
        let probe = try #require(host.database(of: "probe"))
        do {
            try await probe.write { db in try db.execute("INSERT INTO probe_item (name) VALUES (?)", ["implicit"]) }
            Issue.record("the statement ran")
        } catch {
            #expect("\(error)".contains("INSERT INTO probe_item leaves its INTEGER PRIMARY KEY id for SQLite to assign"), "\(error)")
            #expect("\(error)".contains("VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM probe_item), …) RETURNING id"))
        }
        #expect(try await probe.read { db in try db.first("SELECT COUNT(*) AS n FROM probe_item")?.int("n") } == 0)
        let id = try await probe.write { db in
            try db.first("INSERT INTO probe_item (id, name) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM probe_item), ?) RETURNING id",
                         ["explicit"])?.int("id")
        }
        #expect(id == 1)
        #expect(PortableSQL.insertTarget("insert into T_a ( Id , name ) values (?, ?)")?.columns == ["id", "name"])
        #expect(PortableSQL.insertTarget("INSERT INTO t_a VALUES (1, 'x')") == nil)
        await host.shutdown()
    }

    /// `BYTEA` has no SQLite affinity of its own (it falls to NUMERIC), which converts text but never
    /// bytes: sealed Ki and OPc that look like numbers come back byte for byte.
    @Test func bytesKeepTheirValueInABYTEAColumn() async throws {
        let database = try HostDatabase.inMemory()
        let values: [[UInt8]] = [Array("123".utf8), Array("1.5e3".utf8), [0, 0xFF, 0x31], []]
        let stored = try await database.write { db in
            try db.execute("CREATE TABLE t_bytes (id INTEGER PRIMARY KEY, k BYTEA NOT NULL)")
            for (index, value) in values.enumerated() {
                try db.execute("INSERT INTO t_bytes (id, k) VALUES (?, ?)", [.int(index), .blob(value)])
            }
            return try db.query("SELECT k FROM t_bytes ORDER BY id", []).map(\.values)
        }
        #expect(stored == values.map { [SQLValue.blob($0)] })
        try database.close()
    }

    @Test func aMigrationWithAnSQLiteOnlyConstructStopsStartUpAndFailsConformance() async throws {
        do {
            let host = try await MockHost.start([SQLiteOnlyMigrationPlugin.self])
            await host.shutdown()
            Issue.record("the host started")
        } catch {
            #expect("\(error)".contains("migration v1_table of plugin rowid failed"))
            #expect("\(error)".contains("WITHOUT ROWID is SQLite-only: leave it out"))
        }
        let problems = await MockHost.conformanceProblems(of: SQLiteOnlyMigrationPlugin.self)
        #expect(problems == ["migration v1_table: WITHOUT ROWID is SQLite-only: leave it out (the PRIMARY KEY is enough)"])
    }
}
