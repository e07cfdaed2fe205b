import Foundation
@testable import OMCHost
import PluginAPI
import Testing

/// The data-management grammar: what it builds, and how it refuses (position and rule).
@Suite struct DataQueryParserTests {
    static let columns = [
        DataColumn("ne_type"), DataColumn("ne_id"), DataColumn("port", kind: .integer), DataColumn("load", column: "cpu_load", kind: .real),
        DataColumn("password", column: "password_hash", access: .secret),
    ]
    let parser = DataQueryParser(table: "ne_info", columns: Self.columns)

    @Test(arguments: [
        ("ne_type = 'UDM'", "(ne_type = ?)", [SQLValue.text("UDM")]),
        ("ne_type='UDM' and port >= 3000", "(ne_type = ?) AND (port >= ?)", [.text("UDM"), .integer(3000)]),
        ("NOT (ne_id IN ('001', '002') OR port != -1)", "NOT ((ne_id IN (?, ?)) OR (port <> ?))", [.text("001"), .text("002"), .integer(-1)]),
        ("ne_id LIKE '%0_1%'", "(lower(ne_id) LIKE lower(?))", [.text("%0_1%")]),
        ("port NOT BETWEEN 1 AND '1024'", "(port NOT BETWEEN ? AND ?)", [.integer(1), .integer(1024)]),
        ("load > 0.5 AND ne_type IS NOT NULL", "(cpu_load > ?) AND (ne_type IS NOT NULL)", [.real(0.5)]),
        ("ne_id = 7", "(ne_id = ?)", [.text("7")]),
        ("ne_type = 'O''Brien; DROP TABLE ne_info; --'", "(ne_type = ?)", [.text("O'Brien; DROP TABLE ne_info; --")]),
    ])
    func buildsParameterisedSQL(_ text: String, _ sql: String, _ arguments: [SQLValue]) throws {
        let filter = try parser.condition(text)
        #expect(filter.sql == sql)
        #expect(filter.arguments == arguments)
    }

    @Test(arguments: [
        ("ne_type = 'UDM'; DROP TABLE ne_info", 16, "';' is not part of the filter grammar"),
        ("ne_type = 'UDM' -- comment", 17, "'-' is not part of the filter grammar"),
        ("passwd = 'x'", 1, "'passwd' is not a column of ne_info; the columns are load, ne_id, ne_type, port"),
        ("password LIKE 'a%'", 1, "'password' is secret: it cannot be read or filtered on"),
        ("port = 'abc'", 8, "port is compared with an integer, not a string"),
        ("ne_type = 'UDM", 11, "the string that starts here is never closed with '"),
        ("ne_type = 'UDM' OR", 19, "expected a column of ne_info, found the end of the text"),
        ("(ne_type = 'UDM'", 17, "expected ')', found the end of the text"),
        ("ne_type == 'UDM'", 10, "ne_type is compared with a string such as 'UDM', not '='"),
        ("ne_type 'UDM'", 9, "expected a comparison (=, <>, <, <=, >, >=, IN, LIKE, BETWEEN, IS NULL) after ne_type, found a string"),
        ("ne_type = 'UDM' ne_id = '1'", 17, "expected AND, OR or the end of the text, found 'ne_id'"),
        ("ne_id LIKE 5", 12, "LIKE takes a string such as '%UDM%', not the number 5"),
        ("\"ne_type\" = 'UDM'", 1, "'\"' is not part of the filter grammar"),
        ("ne_type = x'00'", 11, "ne_type is compared with a string such as 'UDM', not 'x'"),
        ("1 = 1", 1, "expected a column of ne_info, found the number 1"),
        ("", 1, "a condition is required"),
        ("ne_type = sqlite_version()", 11, "ne_type is compared with a string such as 'UDM', not 'sqlite_version'"),
        ("ne_type = 'a\u{0}'", 13, "a string must not contain control characters"),
    ])
    func refusesNamingThePositionAndTheRule(_ text: String, _ position: Int, _ rule: String) {
        do {
            _ = try parser.condition(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.position == position)
            #expect(error.rule.rendered(nil) == rule)
        }
    }

    @Test func boundsNestingPredicatesAndLength() {
        let deep = String(repeating: "(", count: 40) + "port = 1" + String(repeating: ")", count: 40)
        #expect(throws: DataQueryRefusal.self) { _ = try parser.condition(deep) }
        let many = Array(repeating: "port = 1", count: 101).joined(separator: " OR ")
        #expect(throws: DataQueryRefusal.self) { _ = try parser.condition(many) }
        #expect(throws: DataQueryRefusal.self) { _ = try parser.condition("ne_id = '" + String(repeating: "a", count: 5000) + "'") }
        let notNot = String(repeating: "NOT ", count: 40) + "port = 1"
        #expect(throws: DataQueryRefusal.self) { _ = try parser.condition(notNot) }
    }

    @Test func parsesASelectOverTheTableOnly() throws {
        let statement = try parser.statement("select ne_id, port from NE_INFO where port > 10 order by port desc, ne_id")
        #expect(statement.columns.map(\.name) == ["ne_id", "port"])
        #expect(statement.filter == DataFilter(sql: "(port > ?)", arguments: [.integer(10)]))
        #expect(statement.order.map(\.column) == ["port", "ne_id"] && statement.order.map(\.descending) == [true, false])
        let all = try parser.statement("SELECT * FROM ne_info")
        #expect(!all.columns.contains { $0.access == .secret })
        do {
            _ = try parser.statement("SELECT * FROM security_user")
            Issue.record("another table was accepted")
        } catch {
            #expect(error.position == 15 && error.rule.rendered(nil) == "expected the table ne_info, found 'security_user'")
        }
        #expect(throws: DataQueryRefusal.self) { _ = try parser.statement("SELECT password FROM ne_info") }
        #expect(throws: DataQueryRefusal.self) { _ = try parser.statement("SELECT * FROM ne_info UNION SELECT * FROM ne_info") }
    }
}
