import Foundation
import NEManagement
@testable import OMCHost
import OMCTestSupport
import OMCTesting
import PluginAPI
import Security
import Testing

/// A site whose database was made by OMC 1.0's migrations (the SQLite-only history, with the
/// operation log's trigger and ids SQLite assigned) opens and works after the move to portable SQL.
@Suite struct PortableSchemaUpgradeTests {
    @Test func aDatabaseMadeByTheFirstMigrationsOpensAndWorks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-upgrade-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let old = try HostDatabase.open(directory: folder)
        let file = try PluginsFile.parse("plugins:\n  - id: security\n  - id: ne\n", path: "plugins.yaml")
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([SecurityPlugin.self, NEManagementPlugin.self]))
        // OMC 1.0's migrations are the ones kept verbatim; v4 is the first added with portable SQL checked.
        try MigrationRunner.migrate(assembly.plugins, in: old, only: { $0.name != "v4_oper_log_rule_by_host" && $0.replaces.isEmpty })
        try await old.write { db in
            for title in ["Legacy entry one", "Legacy entry two"] { // the 1.0 SQL: SQLite assigned the ids
                try db.execute("""
                    INSERT INTO security_oper_log (title, business_type, method, request_method, oper_url, status, oper_time, cost_time)
                    VALUES (?, 0, 'omc: legacy', 'GET', '/legacy', '0', 1700000000000, 1)
                    """, [.text(title)])
            }
        }
        #expect(try await old.read { db in try db.first("SELECT name FROM sqlite_master WHERE type = 'trigger'")?.string("name") }
                == "security_oper_log_is_append_only")
        try old.close()

        let host = try await SecurityHost.start(databaseDirectory: folder)
        let admin = try await host.admin()
        let list = await host.send(.get, "/monitor/operlog/list?pageSize=50", headers: admin)
        let rows = try #require(list.json?["rows"]?.arrayValue)
        let entries = rows.compactMap { row -> (Int, String)? in
            guard let id = row["operId"]?.stringValue.flatMap({ Int($0) }), let title = row["title"]?.stringValue else { return nil }
            return (id, title)
        }
        #expect(entries.contains { $0 == (1, "Legacy entry one") } && entries.contains { $0 == (2, "Legacy entry two") })
        #expect(entries.contains { $0.0 > 2 && $0.1 == "Change the caller's password" }, "\(entries)")
        #expect(try await host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'")?.int("n") } == 0)
        let own = try #require(host.database(of: "security"))
        await #expect(throws: DatabaseAccessRefusal.self) {
            try await own.write { db in try db.execute("UPDATE security_oper_log SET title = 'rewritten' WHERE oper_id = 1") }
        }
        #expect(try await host.database.read { db in try db.first("SELECT title FROM security_oper_log WHERE oper_id = 1")?.string("title") }
                == "Legacy entry one")
        await host.shutdown()
    }

    @Test func theSecurityPluginsMigrationsPassTheChecks() async throws {
        let problems = await MockHost.conformanceProblems(of: SecurityPlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(!problems.isEmpty) // its routes use the document's `system:` permissions, which the check reports
        #expect(problems.allSatisfy { $0.hasPrefix("route ") }, "\(problems.filter { !$0.hasPrefix("route ") })")
    }

    @Test(.enabled(if: PostgreSQLScratch.isConfigured, "OMC_TEST_POSTGRES names a PostgreSQL server"))
    func theFreshDatabaseSQLRunsOnPostgreSQL() throws {
        let sql = try MockHost.freshMigrationSQL(of: SecurityPlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(!sql.isEmpty && sql.flatMap(PortableSQL.problems(in:)).isEmpty) // the history a baseline replaces is not in it
        let result = try PostgreSQLScratch.run(sql)
        #expect(result.status == 0, "\(result.errors)")
    }
}
