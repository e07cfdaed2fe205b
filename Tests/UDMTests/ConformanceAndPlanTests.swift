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
        try await MockHost.run([NEManagementPlugin.self, UDMPlugin.self]) { host async throws in
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
                        let anchor = query.orderColumns.map { _ in SQLValue.text("4") }
                        for (sql, arguments) in [query.pageSQL(columns: "id, ne_id, imsi"), query.pageSQL(columns: "id, ne_id, imsi", anchor: (anchor, 10)),
                                                 query.anchorSQL()] {
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
            }
        }
    }

    @Test func deepPagesStartFromAnchorsAndFollowChanges() async throws {
        try await MockHost.run([NEManagementPlugin.self, UDMPlugin.self]) { host async throws in
            // 4,500 rows written straight into the table (the NE plays no part in listing).
            let imsis = (0..<4500).map { String(460_050_000_000_000 + $0 * 3) }
            try await host.database.write { db in
                for (index, imsi) in imsis.enumerated() {
                    try db.execute("INSERT INTO udm_sub (ne_id, imsi, msisdn, ambr, nssai, rat, arfb, sar, cn, smData, smfSel, epsDat, epsFlag, epsOdb, hplmnOdb, ard, epstpl, contextId, apnContext, staticIp) VALUES ('001', ?, ?, 'a', 'n', '', '', '', '', 's', '', '', '0', '', '', '', '', '', '', '')",
                                   [.text(imsi), .text(String(8_613_700_000_000 + (index * 7919) % 4500))])
                }
                try db.execute("UPDATE udm_version SET version = version + 1 WHERE resource = 'sub'")
            }
            func page(_ query: String) async -> [String] {
                await host.send(.get, "/ne/udm/sub/list?neId=001&" + query).json?["rows"]?.arrayValue?.compactMap { $0["imsi"]?.stringValue } ?? []
            }
            for (number, size) in [(100, 10), (101, 10), (200, 5), (3, 1000), (450, 10), (46, 100)] {
                let expected = Array(imsis.dropFirst((number - 1) * size).prefix(size))
                #expect(await page("pageNum=\(number)&pageSize=\(size)") == expected, "page \(number) of \(size)")
                let reversed = Array(imsis.reversed().dropFirst((number - 1) * size).prefix(size))
                #expect(await page("pageNum=\(number)&pageSize=\(size)&sortOrder=desc") == reversed, "page \(number) of \(size), descending")
            }
            let byMSISDN = await host.send(.get, "/ne/udm/sub/list?neId=001&sortField=msisdn&pageNum=250&pageSize=10").json?["rows"]?.arrayValue ?? []
            #expect(byMSISDN.compactMap { $0["msisdn"]?.stringValue } == (2490..<2500).map { String(8_613_700_000_000 + $0) })
            // A change moves the pages: the anchors read before it are not used after it.
            #expect(await page("pageNum=200&pageSize=10").first == imsis[1990])
            try await host.database.write { db in
                try db.execute("DELETE FROM udm_sub WHERE imsi = ?", [.text(imsis[0])])
                try db.execute("UPDATE udm_version SET version = version + 1 WHERE resource = 'sub'")
            }
            #expect(await page("pageNum=200&pageSize=10").first == imsis[1991])
        }
    }
}
