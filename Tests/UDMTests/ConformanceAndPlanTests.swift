import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Testing
@testable import UDM

/// The mock host's conformance check, and proof that every list query an operator can send is
/// answered by an index, never by a scan of the subscriber table.
@Suite struct ConformanceAndPlanTests {
    @Test func thePluginConforms() async throws {
        try await MockHost.checkConformance(of: UDMPlugin.self, dependencies: [NEManagementPlugin.self])
    }

    @Test func everyListQueryUsesAnIndex() async throws {
        let host = try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self])
        let filters = ["", "neId=001", "imsi=46000", "msisdn=8613", "neId=001&imsi=46000", "neId=001&msisdn=8613", "imsi=4&msisdn=86"]
        let sorts = ["", "&sortField=imsi", "&sortField=neId&sortOrder=desc", "&sortField=msisdn"]
        for schema in [RecordSchema.subscription, .authentication] {
            for filter in filters {
                for sort in sorts where schema.resource == "sub" || !sort.contains("msisdn") {
                    let pairs = (filter + sort + "&pageNum=500").split(separator: "&").map { pair in
                        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        return (parts[0], parts.count > 1 ? parts[1] : "")
                    }
                    let query = try RecordQuery(schema: schema, query: QueryParameters(pairs))
                    let (sql, arguments) = query.pageSQL(columns: "id, ne_id, imsi")
                    let plan = try await host.database.read { db in
                        try db.query("EXPLAIN QUERY PLAN " + sql, arguments).compactMap { $0.string("detail") }
                    }
                    let text = plan.joined(separator: " | ")
                    #expect(!plan.contains { $0.hasPrefix("SCAN r") && !$0.contains("INDEX") }, "\(schema.resource) \(filter)\(sort): \(text)")
                    // Sorting in memory is allowed only for the matches of a prefix filter on another column.
                    #expect(!text.contains("TEMP B-TREE") || filter.contains("imsi=") || filter.contains("msisdn="),
                            "\(schema.resource) \(filter)\(sort) sorts every row in memory: \(text)")
                }
            }
        }
        await host.shutdown()
    }
}
