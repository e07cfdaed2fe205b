import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Testing

/// Registering NEs through the document's neInfo routes: validation, conflicts, paging.
@Suite struct NERegistryTests {
    static let neInfo = "/api/rest/systemManagement/v1/elementType/amf/objectType/neInfo"

    func host() async throws -> MockHost {
        try await MockHost.start([NEManagementPlugin.self, AMFFixture.self, SMFFixture.self])
    }

    static func body(_ overrides: [String: JSONValue] = [:]) -> JSONValue {
        var fields: [String: JSONValue] = ["neType": "AMF", "neId": "001", "neName": "AMF_SZ_01", "ip": "127.0.0.1", "port": "8080",
                                           "pvFlag": "VNF", "province": "GD", "vendorName": "AGT", "dn": "cmjicai"]
        for (key, value) in overrides { fields[key] = value }
        return .object(fields)
    }

    @Test func registersReadsChangesAndRemovesAnNE() async throws {
        try await host().use { host async throws in
            let added = try await host.send(.post, Self.neInfo + "?ne_id=001", json: Self.body())
            #expect(added.code == 200)
            #expect(added.data?["port"]?.intValue == 8080 && added.data?["state"]?.stringValue == "unknown")

            let shown = await host.send(.get, "/ne/info?neType=amf&neId=001")
            #expect(shown.data?["neName"]?.stringValue == "AMF_SZ_01" && shown.data?["neType"]?.stringValue == "AMF")

            let changed = try await host.send(.put, Self.neInfo + "?ne_id=001",
                                              json: ["pvFlag": "PNF", "province": "BJ", "vendorName": "X", "dn": "d", "port": 9090] as JSONValue)
            #expect(changed.data?["pvFlag"]?.stringValue == "PNF" && changed.data?["port"]?.intValue == 9090)
            #expect(changed.data?["neName"]?.stringValue == "AMF_SZ_01")

            #expect(await host.send(.delete, Self.neInfo + "?ne_id=001").code == 200)
            let gone = await host.send(.get, "/ne/info?neType=AMF&neId=001")
            #expect(gone.status == 404 && gone.msg == "NE AMF/001 is not registered")
            #expect(await host.send(.delete, Self.neInfo + "?ne_id=001").status == 404)
            #expect(host.operations.map(\.title) == ["Register an NE", "Change an NE's registration", "Remove an NE", "Remove an NE"])
        }
    }

    @Test(arguments: [
        (["ip": "300.1.1.1"] as [String: JSONValue], "ip: must be an IPv4 or IPv6 address, not '300.1.1.1'"),
        (["ip": "localhost"], "ip: must be an IPv4 or IPv6 address, not 'localhost'"),
        (["port": "0"], "port: must be an integer from 1 to 65535"),
        (["port": 70000], "port: must be an integer from 1 to 65535, not 70000"),
        (["port": "eighty"], "port: must be an integer from 1 to 65535 (a number or a string of digits)"),
        (["pvFlag": "CNF"], "pvFlag: must be PNF or VNF"),
        (["neId": "a/b"], "neId: must be 1 to 32 letters, digits, '_' or '-'"),
        (["neId": ""], "neId: must be 1 to 32 letters, digits, '_' or '-'"),
        (["neName": " "], "neName: must not be empty"),
        (["dn": .string(String(repeating: "d", count: 129))], "dn: must be at most 128 characters"),
        (["neType": "SMF"], "neType: is SMF but the path names AMF"),
        (["neId": "002"], "ne_id: is 001 but the body's neId is 002"),
        (["province": nil], "province: must be a string, not null"),
    ])
    func refusesBadRegistrations(_ overrides: [String: JSONValue], _ message: String) async throws {
        try await host().use { host async throws in
            let response = try await host.send(.post, Self.neInfo + "?ne_id=001", json: Self.body(overrides))
            #expect(response.status == 400)
            #expect(response.msg == message)
            #expect(await host.send(.get, "/ne/list").json?["total"]?.intValue == 0)
        }
    }

    @Test func refusesUnknownNETypesAndDuplicates() async throws {
        try await host().use { host async throws in
            let unknown = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/udm/objectType/neInfo",
                                              json: Self.body(["neType": "UDM"]))
            #expect(unknown.msg == "neType: 'UDM' is not provided by any enabled plugin; enabled NE types: AMF, SMF")
            #expect(try await host.send(.post, Self.neInfo, json: Self.body()).code == 200)
            let duplicate = try await host.send(.post, Self.neInfo, json: Self.body(["neName": "other"]))
            #expect(duplicate.status == 409 && duplicate.msg == "NE AMF/001 is already registered")
            #expect(await host.send(.get, "/ne/info?neType=AMF&neId=001").data?["neName"]?.stringValue == "AMF_SZ_01")
        }
    }

    @Test func listsPagesAndFilters() async throws {
        try await host().use { host async throws in
            for index in 1...12 {
                let id = String(format: "%03d", index)
                _ = try await host.send(.post, Self.neInfo, json: Self.body(["neId": .string(id), "neName": .string("AMF_\(id)")]))
            }
            _ = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/smf/objectType/neInfo",
                                    json: Self.body(["neType": "SMF", "neName": "SMF_100%"]))
            let page = await host.send(.get, "/ne/list?neType=amf&pageNum=2&pageSize=5&sortField=neId&sortOrder=desc")
            #expect(page.json?["total"]?.intValue == 12)
            #expect(page.json?["rows"]?.arrayValue?.compactMap { $0["neId"]?.stringValue } == ["007", "006", "005", "004", "003"])
            let literal = await host.send(.get, "/ne/list?neName=100%25")
            #expect(literal.json?["rows"]?.arrayValue?.compactMap { $0["neName"]?.stringValue } == ["SMF_100%"])
            #expect(await host.send(.get, "/ne/list?neName=MF_01").json?["total"]?.intValue == 3)
            #expect(await host.send(.get, "/ne/list?sortField=ip").msg == "sortField: must be one of neType, neId, neName, state")
        }
    }

    @Test func thePluginConforms() async throws {
        try await MockHost.checkConformance(of: NEManagementPlugin.self)
    }
}
