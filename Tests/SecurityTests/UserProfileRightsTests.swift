import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Security
import Testing

extension SecurityTestSuite {
    /// The four user-management profiles do what their names say:
    /// - Administrator: everything, users and roles included;
    /// - Constructor: builds the network (NEs, configuration, subscribers, MML) but manages no users or roles;
    /// - Operator: operates (reads, MML, provisions subscribers) but changes no configuration, NE or user;
    /// - Viewer: reads only.
    /// None but the Administrator reads secrets (Ki, OPc) in clear. The Viewer reads every list, the user
    /// list included; Constructor and Operator have no access to the security and monitoring screens.
    @Suite struct UserProfileRightsTests {
        /// What each probe does, and which profiles may do it.
        enum Probe: CaseIterable {
            case readConfig, changeConfig, provision, runReadMML, runProvisioningMML, runConfigMML, registerNE, readSecrets, listUsers, addUser, addRole

            var allowed: Set<String> {
                switch self {
                case .readConfig, .runReadMML: ["Administrator", "Constructor", "Operator", "Viewer"]
                case .provision, .runProvisioningMML: ["Administrator", "Constructor", "Operator"]
                case .changeConfig, .runConfigMML, .registerNE: ["Administrator", "Constructor"]
                case .listUsers: ["Administrator", "Viewer"]
                case .readSecrets, .addUser, .addRole: ["Administrator"]
                }
            }
        }

        @Test func theFourProfilesBehaveAsTheirNamesSay() async throws {
            try await SecurityHost.start(plugins: [SecurityPlugin.self, NEManagementPlugin.self, ProvisioningFixture.self]).use { host async throws in
                let admin = try await host.admin()
                for (index, profile) in ["Administrator", "Constructor", "Operator", "Viewer"].enumerated() {
                    let name = "p\(index)\(profile.lowercased())"
                    let created = try await host.send(.post, "/oms1350/data/plat/usermgt/createuser",
                                                      json: ["name": name, "almapOsprofiles": profile, "userPassword": "Profile#Pass1"], headers: admin)
                    #expect(created.json?["ok"]?.boolValue == true, "\(created.text)")
                    let session = try await host.session(name, "Profile#Pass1")
                    for probe in Probe.allCases {
                        let permitted = try await Self.run(probe, host: host, session: session, tag: name)
                        #expect(permitted == probe.allowed.contains(profile), "\(profile) \(probe): \(permitted ? "permitted" : "refused")")
                    }
                }
            }
        }

        /// Whether the caller got past the authorizer.
        static func run(_ probe: Probe, host: MockHost, session: [String: String], tag: String) async throws -> Bool {
            func permitted(_ answer: MockResponse) -> Bool { answer.status != 403 }
            func mml(_ command: String) async throws -> Bool {
                let answer = try await host.mml([command], neType: "udmx", headers: session)
                let code = answer.data?[0]?["code"]?.intValue
                #expect(code == 200 || code == 403, "\(command): \(answer.text)")
                return code == 200
            }
            switch probe {
            case .readConfig: return permitted(await host.send(.get, "/fixture/udmx/config", headers: session))
            case .changeConfig: return permitted(try await host.send(.put, "/fixture/udmx/config", json: ["x": 1], headers: session))
            case .provision: return permitted(try await host.send(.post, "/fixture/udmx/sub", json: ["imsi": "1"], headers: session))
            case .runReadMML: return try await mml("DSP SUB")
            case .runProvisioningMML: return try await mml("ADD SUB")
            case .runConfigMML: return try await mml("SET CFG")
            case .registerNE:
                return permitted(try await host.send(.post, "/api/rest/systemManagement/v1/elementType/udmx/objectType/neInfo?ne_id=\(tag)",
                                                     json: ["neType": "UDMX", "neId": tag, "neName": tag, "ip": "127.0.0.1", "port": "8080"], headers: session))
            case .readSecrets: return permitted(await host.send(.get, "/fixture/udmx/auth/secret", headers: session))
            case .listUsers: return permitted(await host.send(.get, "/system/user/list", headers: session))
            case .addUser:
                return permitted(try await host.send(.post, "/system/user", json: ["userName": "n\(tag)", "password": "Some#Pass123", "deptId": "100"],
                                                     headers: session))
            case .addRole: return permitted(try await host.send(.post, "/system/role", json: ["roleName": "r\(tag)", "roleKey": "r\(tag)"], headers: session))
            }
        }
    }
}
