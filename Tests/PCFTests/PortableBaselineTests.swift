import Foundation
import NEManagement
@testable import OMCHost
import OMCTestSupport
import OMCTesting
@testable import PCF
import PluginAPI
import Testing

/// A fresh database gets the PCF table from the portable baseline; one made by OMC 1.0's migrations
/// (`WITHOUT ROWID`) keeps it and its rows; the plugin's SQL works on both (DECISIONS 135).
@Suite struct PortableBaselineTests {
    static let base = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"

    @Test func thePCFMigrationsPassTheChecksAndTheBaselineMatchesTheHistory() async {
        let problems = await MockHost.conformanceProblems(of: PCFPlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(problems.filter { !$0.hasPrefix("route ") }.isEmpty, "\(problems)")
    }

    @Test(arguments: [false, true]) func policiesAreKeptAndServedOnAFreshAndAnOldDatabase(old: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-pcf-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        if old {
            let database = try HostDatabase.open(directory: folder)
            let file = try PluginsFile.parse("plugins:\n  - id: ne\n  - id: pcf\n", path: "plugins.yaml")
            let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([NEManagementPlugin.self, PCFPlugin.self]))
            try MigrationRunner.migrate(assembly.plugins, in: database, only: { $0.replaces.isEmpty })
            try await database.write { db in
                try db.execute("""
                    INSERT INTO pcf_ue_policy (ne_id, imsi, msisdn, rfsp, sar, pcc_rules, sess_rules, ue_policy, qos_audio, qos_video, hdr_enrich)
                    VALUES ('001', '460001000000001', '8613800000001', 1, 's', 'p', 'r', 'u', 'a', 'v', 'h')
                    """)
            }
            try database.close()
        }
        let host = try await MockHost.start([NEManagementPlugin.self, PCFPlugin.self], databaseDirectory: folder)
        let tableSQL = try await host.database.read { db in try db.first("SELECT sql FROM sqlite_master WHERE name = 'pcf_ue_policy'")?.string("sql") }
        #expect(tableSQL?.contains("WITHOUT ROWID") == old, "an old table is kept as it is; a fresh one is portable")
        let recorded = try await host.database.read { db in try db.query("SELECT identifier FROM grdb_migrations", []).compactMap { $0.string("identifier") } }
        #expect(["pcf.v1_pcf_ue_policy", "pcf.v1_pcf_ue_policy_msisdn", "pcf.v1_1_baseline"].allSatisfy(recorded.contains))

        let pcf = try #require(host.database(of: "pcf"))
        let added = UEPolicy(stored: "460001000000002", msisdn: "8613800000002", rfsp: 2, sar: "s", pccRules: "p", sessRules: "r",
                             uePolicy: "u", qosAudio: "a", qosVideo: "v", hdrEnrich: "h")
        try await pcf.write { db in try UEPolicyStore.upsert([added, added], neID: "001", in: db) }
        let list = await host.send(.get, Self.base + "?neId=001&pageNum=1&pageSize=10")
        let imsis = list.json?["data"]?.arrayValue?.compactMap { $0["imsi"]?.stringValue } ?? []
        #expect(imsis == (old ? ["460001000000001", "460001000000002"] : ["460001000000002"]), "\(list.text)")
        await host.shutdown()
    }

    @Test(.enabled(if: PostgreSQLScratch.isConfigured, "OMC_TEST_POSTGRES names a PostgreSQL server"))
    func theFreshDatabaseSQLRunsOnPostgreSQL() throws {
        let sql = try MockHost.freshMigrationSQL(of: PCFPlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(!sql.isEmpty && sql.flatMap(PortableSQL.problems(in:)).isEmpty) // the history a baseline replaces is not in it
        let result = try PostgreSQLScratch.run(sql)
        #expect(result.status == 0, "\(result.errors)")
    }
}
