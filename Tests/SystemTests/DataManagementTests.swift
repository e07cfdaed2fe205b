import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import System
import Testing

/// `/api/rest/dataManagement/v1/omc_db/{table}` through the host: parsed filters over declared
/// columns, secrets never readable, writes only through the owner's rules, precise refusals that
/// change nothing, rights.
@Suite struct DataManagementTests {
    static let plugins: [any OMCPlugin.Type] = [FixtureIdentityPlugin.self, NEManagementPlugin.self, FixtureTargetsPlugin.self, SystemPlugin.self]
    let admin = FixtureIdentityPlugin.admin
    static let base = "/api/rest/dataManagement/v1/omc_db"

    func prepare(_ host: MockHost) async throws {
        try await host.database.write { db in
            for (type, id, port, state) in [("UDM", "001", 3001, "online"), ("UDM", "002", 3002, "offline"), ("PCF", "001", 4001, "online")] {
                try db.execute("""
                    INSERT INTO ne_info (ne_type, ne_id, ne_name, ip, port, pv_flag, province, vendor_name, dn, state, created_at, updated_at)
                    VALUES (?, ?, ?, '10.0.0.1', ?, 'PNF', 'GD', 'ACME', 'dn', ?, '2027-01-01 00:00:00', '2027-01-01 00:00:00')
                    """, [.text(type), .text(id), .text("\(type)-\(id)"), .integer(Int64(port)), .text(state)])
            }
            try db.execute("INSERT INTO fixture_gadget VALUES (1, 'spanner', 10, 'k1'), (2, 'wrench', 20, 'k2')")
        }
    }

    func rows(_ response: MockResponse, _ table: String, at index: Int = 0) -> [JSONValue] {
        response.json?["data"]?[index]?[table]?.arrayValue ?? []
    }

    func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func readsWithAParsedWhereAndSelectStatements() async throws {
        try await MockHost.run(Self.plugins) { host in
            try await prepare(host)
            let udm = await host.send(.get, "\(Self.base)/ne_info?WHERE=\(encoded("ne_type = 'UDM' AND port > 3001"))", headers: admin)
            #expect(udm.status == 200, "\(udm.text)")
            #expect(rows(udm, "ne_info").map { $0["ne_id"]?.stringValue } == ["002"])
            #expect(rows(udm, "ne_info").first?["port"]?.intValue == 3002)

            let all = await host.send(.get, "\(Self.base)/ne_state", headers: admin)
            #expect(rows(all, "ne_state").count == 3)
            #expect(rows(all, "ne_state").first?["state"] != nil && rows(all, "ne_state").first?["port"] == nil)

            let statements = "SQL=\(encoded("SELECT ne_id, state FROM ne_state WHERE state = 'online' ORDER BY ne_type DESC"))"
                + "&SQL=\(encoded("select * from ne_state where ne_id like '%2'"))&PAGE=1&LIMIT=10"
            let both = await host.send(.get, "\(Self.base)/ne_state?\(statements)", headers: admin)
            #expect(rows(both, "ne_state", at: 0).map { $0["ne_id"]?.stringValue } == ["001", "001"])
            #expect(rows(both, "ne_state", at: 0).first?["ne_type"] == nil)
            #expect(rows(both, "ne_state", at: 1).map { $0["ne_id"]?.stringValue } == ["002"])

            let paged = await host.send(.get, "\(Self.base)/ne_info?SQL=\(encoded("SELECT ne_id FROM ne_info ORDER BY port"))&PAGE=2&LIMIT=2", headers: admin)
            #expect(rows(paged, "ne_info").map { $0["ne_id"]?.stringValue } == ["001"])

            let gadgets = await host.send(.get, "\(Self.base)/gadget", headers: admin)
            #expect(rows(gadgets, "gadget").count == 2)
            #expect(rows(gadgets, "gadget").allSatisfy { $0["secret_key"] == nil })
            #expect(!gadgets.text.contains("k1"))
        }
    }

    @Test func refusesWithThePositionAndTheRuleAndRevealsNoSecret() async throws {
        try await MockHost.run(Self.plugins) { host in
            try await prepare(host)
            let cases: [(String, String)] = [
                ("ne_info?WHERE=\(encoded("ne_type = 'UDM'; DROP TABLE ne_info"))", "WHERE: at position 16: ';' is not part of the filter grammar"),
                ("ne_info?WHERE=\(encoded("ne_type = 'UDM' OR 1=1"))", "WHERE: at position 20: expected a column of ne_info, found the number 1"),
                ("gadget?WHERE=\(encoded("secret_key LIKE 'k%'"))", "WHERE: at position 1: 'secret_key' is secret: it cannot be read or filtered on"),
                ("gadget?SQL=\(encoded("SELECT secret_key FROM gadget"))", "SQL: at position 8: 'secret_key' is secret: it cannot be read or filtered on"),
                ("ne_info?SQL=\(encoded("SELECT * FROM security_user"))", "SQL: at position 15: expected the table ne_info, found 'security_user'"),
                ("ne_info?SQL=\(encoded("SELECT * FROM ne_info UNION SELECT * FROM fixture_gadget"))",
                 "SQL: at position 23: expected AND, OR or the end of the text, found 'UNION'"),
            ]
            for (path, message) in cases {
                let refused = await host.send(.get, "\(Self.base)/\(path)", headers: admin)
                #expect(refused.status == 400 && refused.msg == message, "\(path): \(refused.text)")
            }
            let unknown = await host.send(.get, "\(Self.base)/security_user", headers: admin)
            #expect(unknown.status == 404 && unknown.msg?.contains("the tables are gadget, ne_info, ne_state") == true)
            #expect(try await host.database.read { db in try db.first("SELECT count(*) AS n FROM ne_info")?.int("n") } == 3)
        }
    }

    @Test func writesOnlyDeclaredColumnsThroughTheOwnersRules() async throws {
        try await MockHost.run(Self.plugins) { host in
            try await prepare(host)
            let path = "\(Self.base)/gadget?WHERE=\(encoded("id = 1"))"
            let renamed = try await host.send(.put, path, json: ["gadget": ["name": "hammer", "weight": 12]] as JSONValue, headers: admin)
            #expect(renamed.status == 200 && renamed.json?["data"]?["affectedRows"]?.intValue == 1, "\(renamed.text)")

            let refusals: [(JSONValue, String)] = [
                (["gadget": ["name": "bad name 1"]], "name: must be 1 to 16 letters"),
                (["gadget": ["secret_key": "mine"]], "gadget.secret_key: is secret and cannot be changed here"),
                (["gadget": ["id": 7]], "gadget.id: is read-only"),
                (["gadget": ["colour": "red"]], "gadget.colour: is not a column of gadget"),
                (["gadget": ["weight": "heavy"]], "gadget.weight: must be an integer"),
                (["gadget": "name=x"], "gadget: is required: an object of the columns to change, such as {\"gadget\": {\"name\": \"test3\"}}"),
            ]
            for (body, message) in refusals {
                let refused = try await host.send(.put, path, json: body, headers: admin)
                #expect(refused.status == 400 && refused.msg == message, "\(body): \(refused.text)")
            }
            let noFilter = try await host.send(.put, "\(Self.base)/gadget?WHERE=\(encoded("1 = 1"))", json: ["gadget": ["name": "all"]] as JSONValue,
                                               headers: admin)
            #expect(noFilter.status == 400)
            let readOnlyTable = try await host.send(.put, "\(Self.base)/ne_info?WHERE=\(encoded("ne_id = '001'"))",
                                                    json: ["ne_info": ["ne_name": "x"]] as JSONValue, headers: admin)
            #expect(readOnlyTable.status == 403)
            let stored = try await host.database.read { db in
                try db.query("SELECT name, weight, secret_key FROM fixture_gadget ORDER BY id", []).map {
                    "\($0.string("name") ?? "") \($0.int("weight") ?? 0) \($0.string("secret_key") ?? "")"
                }
            }
            #expect(stored == ["hammer 12 k1", "wrench 20 k2"])
        }
    }

    @Test func eachTableNeedsItsOwnersRight() async throws {
        try await MockHost.run(Self.plugins) { host in
            try await prepare(host)
            let viewer = FixtureIdentityPlugin.viewer
            #expect(await host.send(.get, "\(Self.base)/ne_info").status == 401)
            #expect(await host.send(.get, "\(Self.base)/ne_info", headers: viewer).status == 200)
            let write = try await host.send(.put, "\(Self.base)/gadget?WHERE=\(encoded("id = 2"))", json: ["gadget": ["name": "x"]] as JSONValue,
                                            headers: viewer)
            #expect(write.status == 403)
            #expect(try await host.database.read { db in try db.first("SELECT name FROM fixture_gadget WHERE id = 2")?.string("name") } == "wrench")
        }
    }
}
