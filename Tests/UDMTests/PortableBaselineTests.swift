import Foundation
import NEManagement
@testable import OMCHost
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing
import UDM

/// A fresh database gets the UDM tables from the portable baseline (`BYTEA` Ki and OPc); one made by
/// OMC 1.0's migrations (`BLOB`) keeps its tables and rows; both serve the records (DECISIONS 135).
@Suite struct PortableBaselineTests {
    @Test func theUDMMigrationsPassTheChecksAndTheBaselineMatchesTheHistory() async {
        let problems = await MockHost.conformanceProblems(of: UDMPlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(problems.filter { !$0.hasPrefix("route ") }.isEmpty, "\(problems)")
    }

    static let subscriber = """
        INSERT INTO udm_sub (id, ne_id, imsi, msisdn, ambr, nssai, rat, arfb, sar, cn, smData, smfSel, epsDat, epsFlag,
            epsOdb, hplmnOdb, ard, epstpl, contextId, apnContext, staticIp)
        VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM udm_sub), '001', ?, ?, 'a', 'n', 'r', 'f', 's', 'c', 'internet', 'sel',
            'eps', '1', 'odb', 'hodb', 'ard', 'tpl', '1', '1,2', '10.0.0.1')
        """

    @Test(arguments: [false, true]) func recordsAreKeptAndServedOnAFreshAndAnOldDatabase(old: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-udm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes: [UInt8] = [0x00, 0xFF, 0x10, 0x80]
        if old {
            let database = try HostDatabase.open(directory: folder)
            let file = try PluginsFile.parse("plugins:\n  - id: ne\n  - id: udm\n", path: "plugins.yaml")
            let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([NEManagementPlugin.self, UDMPlugin.self]))
            try MigrationRunner.migrate(assembly.plugins, in: database, only: { $0.replaces.isEmpty })
            try await database.write { db in
                try db.execute(Self.subscriber, [.text("460001000000001"), .text("8613800000001")])
                try db.execute("INSERT INTO udm_auth (id, ne_id, imsi, ki, opc, amf, algoIndex, status) VALUES (1, '001', '460001000000001', ?, ?, '8000', '0', '1')",
                               [.blob(bytes), .blob(bytes)])
            }
            try database.close()
        }
        let host = try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self], databaseDirectory: folder)
        let authSQL = try await host.database.read { db in try db.first("SELECT sql FROM sqlite_master WHERE name = 'udm_auth'")?.string("sql") }
        #expect(authSQL?.contains("ki BLOB") == old && authSQL?.contains("ki BYTEA") == !old, "\(authSQL ?? "")")
        let recorded = try await host.database.read { db in try db.query("SELECT identifier FROM grdb_migrations", []).compactMap { $0.string("identifier") } }
        #expect(["udm.v1_records", "udm.v2_data_version", "udm.v3_batch_operator", "udm.v1_1_baseline"].allSatisfy(recorded.contains), "\(recorded)")

        let udm = try #require(host.database(of: "udm"))
        try await udm.write { db in
            try db.execute(Self.subscriber, [.text("460001000000002"), .text("8613800000002")])
            try db.execute("""
                INSERT INTO udm_auth (id, ne_id, imsi, ki, opc, amf, algoIndex, status)
                VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM udm_auth), '001', '460001000000002', ?, ?, '8000', '0', '1')
                """, [.blob(bytes), .blob(bytes)])
        }
        let stored = try await udm.read { db in try db.query("SELECT ki FROM udm_auth ORDER BY id", []).map { $0["ki"] } }
        #expect(stored == Array(repeating: SQLValue.blob(bytes), count: old ? 2 : 1), "bytes come back unchanged under BLOB and BYTEA")
        let list = await host.send(.get, "/ne/udm/sub/list?neId=001&pageNum=1&pageSize=10")
        let imsis = list.json?["rows"]?.arrayValue?.compactMap { $0["imsi"]?.stringValue } ?? []
        #expect(imsis == (old ? ["460001000000001", "460001000000002"] : ["460001000000002"]), "\(list.text)")
        await host.shutdown()
    }

    @Test(.enabled(if: PostgreSQLScratch.isConfigured, "OMC_TEST_POSTGRES names a PostgreSQL server"))
    func theFreshDatabaseSQLRunsOnPostgreSQL() throws {
        let sql = try MockHost.freshMigrationSQL(of: UDMPlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(!sql.isEmpty && sql.flatMap(PortableSQL.problems(in:)).isEmpty) // the history a baseline replaces is not in it
        let result = try PostgreSQLScratch.run(sql)
        #expect(result.status == 0, "\(result.errors)")
    }
}
