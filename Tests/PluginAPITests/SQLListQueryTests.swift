import Foundation
import OMCTesting
import PluginAPI
import Testing

/// The shared list builder and `LIKE` escaping: the SQL they write, and what it finds in a real database.
@Suite struct SQLListQueryTests {
    /// The page of a query string such as `pageNum=2&sortField=name` (plain values, no escapes).
    func page(_ query: String, sortable: [String] = ["name"]) throws -> PageRequest {
        let pairs = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        return try PageRequest(query: QueryParameters(pairs), sortable: sortable)
    }

    @Test func writesConditionsOrderAndPageWithBoundArguments() throws {
        var query = SQLListQuery(page: try page("pageNum=3&pageSize=20&sortField=name&sortOrder=desc"))
        query.contains("name", "50%_off")
        query.equals("state", .text("active"))
        query.equals("kind", nil)
        query.between("created", .integer(10), nil)
        query.order(by: ["name": "item_name"], default: "id", then: "id")
        let (sql, arguments) = query.selectSQL("SELECT * FROM item")
        #expect(sql == #"SELECT * FROM item WHERE lower(name) LIKE lower(?) ESCAPE '\' AND state = ? AND created >= ? ORDER BY item_name DESC, id LIMIT ? OFFSET ?"#)
        #expect(arguments == [.text(#"%50\%\_off%"#), .text("active"), .integer(10), .integer(20), .integer(40)])
        #expect(query.countSQL(from: "item").sql == #"SELECT count(*) AS total FROM item WHERE lower(name) LIKE lower(?) ESCAPE '\' AND state = ? AND created >= ?"#)
    }

    @Test func ordersByTheDefaultWithoutASortField() throws {
        var newestFirst = SQLListQuery(page: try page("sortOrder=asc"))
        newestFirst.order(by: ["name": "name"], default: "created", defaultDescending: true, then: "id DESC")
        #expect(newestFirst.orderBy == "created DESC, id DESC")
        var ascending = SQLListQuery(page: try page("sortOrder=desc"))
        ascending.order(by: [:], default: "id")
        #expect(ascending.orderBy == "id DESC")
        var everything = SQLListQuery()
        everything.order(by: [:], default: "id")
        #expect(everything.selectSQL("SELECT id FROM item") == ("SELECT id FROM item ORDER BY id ASC", []))
    }

    @Test func escapesEveryWildcard() {
        #expect(SQLLike.escaped(#"a%b_c\d"#) == #"a\%b\_c\\d"#)
        #expect(SQLLike.containing("x") == "%x%")
        #expect(SQLLike.startingWith("4600_") == #"4600\_%"#)
        #expect(SQLLike.condition("t.name") == #"lower(t.name) LIKE lower(?) ESCAPE '\'"#)
    }

    @Test func findsLiterallyAndIgnoringCaseInARealDatabase() async throws {
        try await MockHost.run([]) { host async throws in
            let names = ["Alpha", "ALPHABET", "beta", "50% off", "500 off", "under_score", "underXscore", #"back\slash"#, "gamma"]
            try await host.database.write { db in
                try db.execute("CREATE TABLE list_item (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL)")
                for (index, name) in names.enumerated() {
                    try db.execute("INSERT INTO list_item (id, name) VALUES (?, ?)", [.int(index + 1), .text(name)])
                }
            }
            func find(_ text: String, _ pageQuery: String = "pageSize=100") async throws -> (names: [String], total: Int) {
                var query = SQLListQuery(page: try page(pageQuery))
                query.contains("name", text)
                query.order(by: ["name": "name"], default: "id")
                let found = try await host.database.read { [query] db in try query.fetch(select: "SELECT name FROM list_item", from: "list_item", in: db) }
                return (found.rows.compactMap { $0.string("name") }, found.total)
            }
            #expect(try await find("alpha").names == ["Alpha", "ALPHABET"])
            #expect(try await find("ALPHA").names == ["Alpha", "ALPHABET"])
            #expect(try await find("50%").names == ["50% off"])
            #expect(try await find("under_").names == ["under_score"])
            #expect(try await find(#"k\s"#).names == [#"back\slash"#])
            #expect(try await find("%").names == ["50% off"])
            // Alpha, ALPHABET, back\slash, beta, gamma contain an "a"; binary order puts upper case first.
            let second = try await find("a", "pageNum=2&pageSize=2&sortField=name&sortOrder=asc")
            #expect(second.names == [#"back\slash"#, "beta"] && second.total == 5)
        }
    }

    @Test func mockHostRunShutsDownWhenTheClosureThrows() async throws {
        struct Stop: Error {}
        var seen: MockHost?
        do {
            try await MockHost.run([]) { host -> Void in
                seen = host
                #expect(!host.isShutDown)
                throw Stop()
            }
            Issue.record("run did not pass the closure's error on")
        } catch is Stop {}
        let host = try #require(seen)
        #expect(host.isShutDown)
        #expect(!FileManager.default.fileExists(atPath: host.dataDirectory))
        #expect(try await MockHost.run([]) { host in host.isShutDown } == false)
    }
}
