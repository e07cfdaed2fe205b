import Foundation
import GRDB
@testable import OMCHost
import OMCTesting
import PluginAPI
import Testing

/// A baseline runs in place of the history it replaces on a fresh database, and is only recorded on a
/// database that holds part or all of that history (DECISIONS 135).
@Suite struct MigrationBaselineTests {
    static let all = ["squash.v1_items", "squash.v2_note", "squash.v1_1_baseline", "squash.v3_index"]

    private func plugins(_ types: [any OMCPlugin.Type] = [SquashedPlugin.self]) throws -> [LoadedPlugin] {
        let file = try PluginsFile.parse("plugins:\n" + types.map { "  - id: \($0.manifest.id)\n" }.joined(), path: "plugins.yaml")
        return try HostAssembly.assemble(file, catalog: PluginCatalog(types)).plugins
    }

    private func tableSQL(_ database: HostDatabase) throws -> String {
        try database.writer.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'squash_item'") ?? "" }
    }

    @Test func aFreshDatabaseRunsTheBaselineAndRecordsTheHistoryItReplaces() throws {
        let database = try HostDatabase.inMemory()
        try MigrationRunner.migrate(try plugins(), in: database)
        let sql = try tableSQL(database)
        #expect(sql.contains("BYTEA") && !sql.contains("WITHOUT ROWID") && !sql.contains("BLOB"), "\(sql)")
        #expect(PortableSQL.problems(in: sql).isEmpty)
        #expect(try MigrationRunner.applied(in: database) == Set(Self.all))
        let shape = try SchemaShape.lines(of: database, prefix: "squash_")
        #expect(shape.contains("squash_item index squash_item_by_note unique=0 on note"), "\(shape)")
        // A second start changes nothing: the replaced migrations are recorded, so they do not run.
        try MigrationRunner.migrate(try plugins(), in: database)
        #expect(try tableSQL(database) == sql)
    }

    @Test func aDatabaseWithTheWholeHistoryKeepsItAndRecordsTheBaselineOnly() async throws {
        let database = try HostDatabase.inMemory()
        try MigrationRunner.migrate(try plugins(), in: database, only: { ["v1_items", "v2_note"].contains($0.name) })
        try await database.write { db in try db.execute("INSERT INTO squash_item (k, data, note) VALUES ('a', x'0102', 'kept')") }
        try MigrationRunner.migrate(try plugins(), in: database)
        #expect(try tableSQL(database).contains("WITHOUT ROWID")) // untouched, not rebuilt
        #expect(try MigrationRunner.applied(in: database) == Set(Self.all))
        #expect(try await database.read { db in try db.first("SELECT note FROM squash_item WHERE k = 'a'")?.string("note") } == "kept")
        #expect(try SchemaShape.lines(of: database, prefix: "squash_").contains("squash_item index squash_item_by_note unique=0 on note"))
    }

    @Test func aDatabaseWithPartOfTheHistoryRunsTheRestOfItThenRecordsTheBaseline() throws {
        let database = try HostDatabase.inMemory()
        try MigrationRunner.migrate(try plugins(), in: database, only: { $0.name == "v1_items" })
        try MigrationRunner.migrate(try plugins(), in: database)
        #expect(try MigrationRunner.applied(in: database) == Set(Self.all))
        let shape = try SchemaShape.lines(of: database, prefix: "squash_")
        #expect(shape.contains("squash_item column note TEXT notnull=0 default=none pk=0"), "\(shape)") // v2 ran
        #expect(try tableSQL(database).contains("WITHOUT ROWID"))
    }

    @Test func theBaselineMakesTheSchemaOfTheHistoryOrTheConformanceCheckSaysWhereItDiffers() async throws {
        #expect(await MockHost.conformanceProblems(of: SquashedPlugin.self).isEmpty)
        let problems = await MockHost.conformanceProblems(of: DriftedBaselinePlugin.self)
        #expect(problems.contains { $0.contains("baseline v1_1_baseline lacks drift_item index drift_item_by_name") }, "\(problems)")
        #expect(problems.contains { $0.contains("baseline v1_1_baseline makes drift_item column name TEXT notnull=0") }, "\(problems)")
    }

    @Test func anSQLiteOnlyMigrationNoBaselineReplacesStopsStartUp() throws {
        let database = try HostDatabase.inMemory()
        #expect {
            try MigrationRunner.migrate(try plugins([UnreplacedHistoryPlugin.self]), in: database)
        } throws: { error in
            "\(error)".contains("v1_items") && "\(error)".contains("declare a portable baseline")
        }
        #expect(try MigrationRunner.applied(in: database).isEmpty)
    }

    @Test func aBaselineMustReplaceExactlyTheMigrationsDeclaredBeforeIt() {
        var registrar = PluginRegistrar(manifest: SquashedPlugin.manifest)
        registrar.migration("v1_a", sql: "CREATE TABLE squash_a (k TEXT PRIMARY KEY)")
        registrar.migration("v2_b", sql: "CREATE TABLE squash_b (k TEXT PRIMARY KEY)")
        registrar.baseline("v3_baseline", sql: "CREATE TABLE squash_a (k TEXT PRIMARY KEY)", replaces: ["v1_a", "v9_z"])
        registrar.baseline("v4_baseline", sql: "SELECT 1", replaces: ["v1_a", "v2_b", "v3_baseline"])
        #expect(registrar.problems == [
            "baseline 'v3_baseline': must replace exactly the migrations declared before it; missing: v2_b; not declared before it: v9_z",
            "baseline 'v4_baseline': a plugin declares at most one baseline",
        ])
    }
}

/// A baseline that lost an index and a NOT NULL of the history it replaces.
struct DriftedBaselinePlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "drift", version: "1.1.0", kind: .feature, summary: "Test a drifted baseline")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_items", sql: """
            CREATE TABLE drift_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE INDEX drift_item_by_name ON drift_item (name)
            """)
        plugin.baseline("v1_1_baseline", sql: "CREATE TABLE drift_item (id INTEGER PRIMARY KEY, name TEXT)", replaces: ["v1_items"])
    }
}
