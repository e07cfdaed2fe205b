import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// The four user-management profiles (Administrator, Constructor, Operator, Viewer) behave as their
    /// names say, checked on routes of the `ne` plugin and of the Security plugin. Accounts are made by
    /// registration with the profile's role.
    @Suite struct ProfileRoleTests {
        static let neInfo = "/api/rest/systemManagement/v1/elementType/UDM/objectType/neInfo"

        /// Whether the caller got past authorization (any answer but 401/403).
        static func allowed(_ response: MockResponse) -> Bool { response.status != 401 && response.status != 403 }

        func rights(of role: String) async throws -> [String: Bool] {
            let host = try await SecurityHost.start(["registrationEnabled": "true", "registrationRole": role])
            let session = try await host.registered("person1", password: "Some#Pass123")
            let body = ["neInfo": ["neType": "UDM", "neId": "001"]]
            let readsLog = Self.allowed(await host.send(.get, "/monitor/operlog/list", headers: session))
            let deletesLog = Self.allowed(await host.send(.delete, "/monitor/operlog/999", headers: session))
            let results = [
                "read NEs": Self.allowed(await host.send(.get, "/ne/list", headers: session)),
                "add an NE": Self.allowed(try await host.send(.post, Self.neInfo, json: body, headers: session)),
                "change an NE": Self.allowed(try await host.send(.put, Self.neInfo, json: body, headers: session)),
                "remove an NE": Self.allowed(await host.send(.delete, Self.neInfo + "?neId=001", headers: session)),
                "see online users": Self.allowed(await host.send(.get, "/monitor/online/list", headers: session)),
                "force users out": Self.allowed(await host.send(.delete, "/monitor/online/x", headers: session)),
                "clean logs": readsLog && deletesLog,
            ]
            await host.shutdown()
            return results
        }

        @Test func administratorMayDoEverything() async throws {
            #expect(try await rights(of: "oms-administrator").values.allSatisfy { $0 })
        }

        @Test func constructorBuildsTheNetworkButAdministersNobody() async throws {
            let rights = try await rights(of: "oms-constructor")
            #expect(rights["read NEs"] == true && rights["add an NE"] == true && rights["change an NE"] == true && rights["remove an NE"] == true)
            #expect(rights["see online users"] == false && rights["force users out"] == false && rights["clean logs"] == false)
        }

        /// The Operator provisions and runs MML but changes no NE registration (DECISIONS 90).
        @Test func operatorReadsButChangesNoNE() async throws {
            let rights = try await rights(of: "oms-operator")
            #expect(rights["read NEs"] == true && rights["change an NE"] == false)
            #expect(rights["add an NE"] == false && rights["remove an NE"] == false)
            #expect(rights["force users out"] == false && rights["clean logs"] == false)
        }

        @Test func viewerOnlyReads() async throws {
            let rights = try await rights(of: "oms-viewer")
            #expect(rights["read NEs"] == true && rights["see online users"] == true)
            #expect(rights.filter { $0.value }.keys.sorted() == ["read NEs", "see online users"])
        }
    }
}
