import Foundation
import NEManagement
@testable import OMCHost
import OMCTesting
import PluginAPI
import Testing

/// A plugin's database handle reaches its own tables and nothing else: each forbidden operation is
/// refused by the engine with an error naming the plugin and the object, and leaves everything as it
/// was. Most tests take the probe plugin's handle straight from the host's database layer with the
/// portability check off, so that what they prove is SQLite's authorizer and not the text check
/// (which refuses PRAGMA, ATTACH and triggers first in production); the mock-host tests show that a
/// plugin's real `context.database` is that handle.
@Suite struct DatabaseIsolationTests {
    /// The host's database with the probe plugin's, the inventory plugin's (another plugin's table
    /// with a row) and the NE registry's (`ne_info`) migrations, and the probe plugin's handle.
    struct Fixture {
        let host: HostDatabase
        let probe: any PluginDatabase
    }

    static func start() async throws -> Fixture {
        let file = try PluginsFile.parse("plugins:\n  - id: probe\n  - id: inventory\n  - id: ne\n", path: "plugins.yaml")
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([ProbePlugin.self, InventoryPlugin.self, NEManagementPlugin.self]))
        let host = try HostDatabase.inMemory()
        try MigrationRunner.migrate(assembly.plugins, in: host)
        try await host.write { db in
            try db.execute("INSERT INTO inventory_item (id, name, secret, quantity) VALUES (1, 'widget', 'hush', 3)")
        }
        let probe = host.scoped(to: DatabaseScope(pluginID: "probe", appendOnlyTables: ["probe_log"]), checksPortability: false)
        return Fixture(host: host, probe: probe)
    }

    /// What the probe plugin's handle answers to `sql`: the refusal's text, or `nil` when it ran.
    static func attempt(_ sql: String, on probe: any PluginDatabase) async -> String? {
        do {
            try await probe.write { db in try db.execute(sql) }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The schema catalogue, the other plugin's rows, the migration bookkeeping and `ne_info`, read by the host itself.
    static func state(of host: HostDatabase) async throws -> [String] {
        try await host.read { db in
            let schema = try db.query("SELECT type, name, tbl_name FROM sqlite_master ORDER BY name", []).map {
                "\($0.string("type") ?? "") \($0.string("name") ?? "") \($0.string("tbl_name") ?? "")"
            }
            let items = try db.query("SELECT id, name, secret, quantity FROM inventory_item ORDER BY id", []).map {
                "item \($0.int("id") ?? 0) \($0.string("name") ?? "") \($0.string("secret") ?? "") \($0.int("quantity") ?? 0)"
            }
            let migrations = try db.query("SELECT identifier FROM grdb_migrations ORDER BY identifier", []).map { $0.string("identifier") ?? "" }
            let nes = try db.first("SELECT COUNT(*) AS n FROM ne_info")?.int("n") ?? -1
            let version = try db.first("PRAGMA user_version")?.int("user_version") ?? -1
            return schema + items + migrations + ["ne_info rows: \(nes)", "user_version: \(version)"]
        }
    }

    /// Runs `sql` as the probe plugin and expects a refusal containing every one of `phrases`, with nothing changed.
    static func expectRefused(_ sql: String, naming phrases: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let fixture = try await start()
        let before = try await state(of: fixture.host)
        #expect(before.contains("item 1 widget hush 3") && before.contains("ne_info rows: 0"), sourceLocation: sourceLocation)
        let refusal = await attempt(sql, on: fixture.probe)
        #expect(refusal != nil, "\(sql) ran", sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(refusal?.contains(phrase) == true, "\(refusal ?? "nil") does not name \(phrase)", sourceLocation: sourceLocation)
        }
        #expect(try await state(of: fixture.host) == before, "\(sql) changed something", sourceLocation: sourceLocation)
        try fixture.host.close()
    }

    @Test func readingAnotherPluginsTableIsRefused() async throws {
        try await Self.expectRefused("SELECT name, secret FROM inventory_item", naming: ["plugin 'probe'", "read table inventory_item", "probe_"])
    }

    @Test func droppingAnotherPluginsTableIsRefused() async throws {
        try await Self.expectRefused("DROP TABLE inventory_item", naming: ["plugin 'probe'", "drop inventory_item"])
    }

    @Test func deletingTheMigrationBookkeepingIsRefused() async throws {
        try await Self.expectRefused("DELETE FROM grdb_migrations", naming: ["plugin 'probe'", "delete from table grdb_migrations"])
    }

    @Test func insertingIntoTheNERegistryIsRefused() async throws {
        try await Self.expectRefused("""
            INSERT INTO ne_info (ne_type, ne_id, ne_name, ip, port, pv_flag, province, vendor_name, dn, created_at, updated_at)
            VALUES ('UDM', '001', 'rogue', '10.0.0.1', 80, 'PNF', '', '', '', '', '')
            """, naming: ["plugin 'probe'", "insert into table ne_info"])
    }

    @Test func attachingADatabaseIsRefused() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("omc-attach-\(UUID().uuidString).sqlite").path
        try await Self.expectRefused("ATTACH DATABASE '\(path)' AS other", naming: ["plugin 'probe'", "attach"])
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func pragmasThatChangeStateAreRefused() async throws {
        for pragma in ["PRAGMA user_version = 7", "PRAGMA foreign_keys = OFF", "PRAGMA writable_schema = ON", "PRAGMA journal_mode = DELETE"] {
            try await Self.expectRefused(pragma, naming: ["plugin 'probe'", "PRAGMA"])
        }
    }

    @Test func readingTheSchemaCatalogueIsRefused() async throws {
        try await Self.expectRefused("SELECT name FROM sqlite_master", naming: ["plugin 'probe'", "sqlite_master"])
    }

    @Test func triggersAndIndexesOutsideThePrefixAreRefused() async throws {
        try await Self.expectRefused("CREATE TRIGGER probe_spy AFTER INSERT ON inventory_item BEGIN DELETE FROM inventory_item; END",
                                     naming: ["plugin 'probe'", "inventory_item"])
        try await Self.expectRefused("CREATE INDEX probe_by_secret ON inventory_item (secret)", naming: ["plugin 'probe'", "inventory_item"])
        try await Self.expectRefused("CREATE INDEX item_by_name ON probe_item (name)", naming: ["plugin 'probe'", "create item_by_name"])
        try await Self.expectRefused("CREATE TEMP TABLE probe_scratch (x INTEGER)", naming: ["plugin 'probe'", "temporary"])
    }

    @Test func aViewOfAnotherPluginsTableCannotBeRead() async throws {
        let fixture = try await Self.start()
        try await fixture.probe.write { db in try db.execute("CREATE VIEW probe_window AS SELECT * FROM inventory_item") }
        let refusal = await Self.attempt("SELECT name, secret FROM probe_window", on: fixture.probe)
        #expect(refusal?.contains("may not read table inventory_item (through probe_window)") == true, "\(refusal ?? "nil")")
        try fixture.host.close()
    }

    @Test func transactionControlIsRefused() async throws {
        try await Self.expectRefused("COMMIT", naming: ["plugin 'probe'", "transaction"])
        try await Self.expectRefused("SAVEPOINT probe_point", naming: ["plugin 'probe'", "transaction"])
    }

    /// The probe plugin in a mock host, next to the inventory plugin with one row.
    static func mockHost() async throws -> MockHost {
        let host = try await MockHost.start([ProbePlugin.self, InventoryPlugin.self])
        try await host.database.write { db in
            try db.execute("INSERT INTO inventory_item (id, name, secret, quantity) VALUES (1, 'widget', 'hush', 3)")
        }
        return host
    }

    @Test func aPluginsContextDatabaseIsItsIsolatedHandle() async throws {
        let host = try await Self.mockHost()
        let probe = try #require(host.database(of: "probe"))
        let refusal = await Self.attempt("DELETE FROM inventory_item", on: probe)
        #expect(refusal == "plugin 'probe' may not delete from table inventory_item: a plugin's database handle reaches only its own objects, named 'probe_…'")
        #expect(try await host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM inventory_item")?.int("n") } == 1)
        await host.shutdown()
    }

    @Test func updatingAnAppendOnlyTableIsRefusedButAddingAndDeletingAreNot() async throws {
        let host = try await Self.mockHost()
        let probe = try #require(host.database(of: "probe"))
        try await probe.write { db in try db.execute("INSERT INTO probe_log (id, line) VALUES (1, 'first'), (2, 'second')") }
        let refusal = await Self.attempt("UPDATE probe_log SET line = 'rewritten'", on: probe)
        #expect(refusal?.contains("update table probe_log, which it declared append-only") == true)
        try await probe.write { db in try db.execute("DELETE FROM probe_log WHERE id = 1") }
        #expect(try await probe.read { db in try db.query("SELECT line FROM probe_log", []).map { $0.string("line") } } == ["second"])
        await host.shutdown()
    }

    @Test func theOwnTablesWorkAndARefusalRollsBackTheWholeClosure() async throws {
        let host = try await Self.mockHost()
        let probe = try #require(host.database(of: "probe"))
        try await probe.write { db in
            try db.execute("CREATE TABLE probe_extra (id INTEGER PRIMARY KEY, note TEXT)")
            try db.execute("ALTER TABLE probe_extra ADD COLUMN added TEXT")
            try db.execute("INSERT INTO probe_item (id, name) VALUES (?, ?)", [1, "mine"])
            try db.execute("DROP TABLE probe_extra")
        }
        await #expect(throws: (any Error).self) {
            try await probe.write { db in
                try db.execute("INSERT INTO probe_item (id, name) VALUES (?, ?)", [2, "half"])
                _ = try db.query("SELECT * FROM inventory_item", [])
            }
        }
        #expect(try await probe.read { db in try db.query("SELECT name FROM probe_item ORDER BY id", []).map { $0.string("name") } } == ["mine"])
        // The host's own work on the same connection is not limited by what the plugin was.
        #expect(try await host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM inventory_item")?.int("n") } == 1)
        await host.shutdown()
    }

    @Test func aStatementTheHostCachedIsCheckedAgainWhenThePluginRunsIt() async throws {
        let host = try await Self.mockHost()
        let sql = "SELECT COUNT(*) AS n FROM inventory_item"
        // The mock host's in-memory database has one connection, so the host's prepared statement is there to reuse.
        #expect(try await host.database.read { db in try db.first(sql)?.int("n") } == 1)
        let probe = try #require(host.database(of: "probe"))
        await #expect(throws: (any Error).self) { try await probe.read { db in try db.first(sql)?.int("n") } }
        #expect(try await host.database.read { db in try db.first(sql)?.int("n") } == 1)
        await host.shutdown()
    }

    @Test func aMigrationReachingAnotherPluginsTableStopsStartUp() async throws {
        do {
            let host = try await MockHost.start([InventoryPlugin.self, TrespassingMigrationPlugin.self])
            await host.shutdown()
            Issue.record("the host started")
        } catch {
            #expect("\(error)".contains("migration v1_index_theirs of plugin trespass failed"))
            #expect("\(error)".contains("plugin 'trespass' may not create"))
        }
    }

    @Test func eachPluginGetsAnOwnerOnlyFolder() async throws {
        let host = try await MockHost.start([ProbePlugin.self, InventoryPlugin.self])
        for id in ["probe", "inventory"] {
            let path = host.dataDirectory + "/" + id
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o700)
        }
        await host.shutdown()
    }
}
