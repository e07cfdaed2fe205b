import Foundation
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// The walk over a real `omc serve` with every bundled plugin: no route answers without a valid
    /// token except the public ones, no route and no MML command answers a viewer's write.
    @Suite struct BundledWalkTests {
        @Test func everyBundledPluginsRoutesAndMMLCommandsAreGuarded() async throws {
            let omc = try await BundledOMC.start(securityConfig: ["adminPassword": "\"\(SecurityHost.firstPassword)\"", "captchaEnabled": "false",
                                                      "passwordCost": "1", "registrationEnabled": "true"])
            #expect(Set(omc.routes.map(\.owner)).isSuperset(of: ["omc", "ne", "security"]))
            let first = try await omc.token("admin", SecurityHost.firstPassword)
            let change = try await omc.send("PUT", "/system/user/profile/updatePwd", token: first,
                                            json: ["oldPassword": .string(SecurityHost.firstPassword), "newPassword": .string(SecurityHost.adminPassword)])
            #expect(change.status == 200)
            let admin = try await omc.token("admin", SecurityHost.adminPassword)
            let registered = try await omc.send("POST", "/register", json: ["username": "walker", "password": "Strolling#Pass1", "confirmPassword": "Strolling#Pass1"])
            #expect(registered.status == 200)
            let viewer = try await omc.token("walker", "Strolling#Pass1")

            for route in omc.routes {
                let key = "\(route.method) \(route.path)"
                let path = route.path.replacingOccurrences(of: #"\{[A-Za-z0-9_]+\}"#, with: "1", options: .regularExpression)
                if RightsTests.publicRoutes.contains(key) { continue }
                #expect(route.permission != "open", "\(key) is open")
                let anonymous = try await omc.send(route.method, path, json: route.method == "GET" ? nil : [:])
                #expect(anonymous.status == 401, "\(key) answered \(anonymous.status) without a token")
                if route.method != "GET", !RightsTests.ownWrites.contains(key) {
                    let write = try await omc.send(route.method, path, token: viewer, json: [:])
                    #expect(write.status == 403, "\(key) answered \(write.status) to a viewer")
                }
            }

            let commands = try await omc.send("POST", "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml", token: admin,
                                              json: ["mml": ["LST CMD"]])
            let table = commands.body["data"]?[0]?["data"]?.arrayValue ?? []
            #expect(!table.isEmpty)
            for command in table where command["Risk"]?.stringValue != "read-only" {
                let name = command["Command"]?.stringValue ?? ""
                let neType = (command["NE type"]?.stringValue ?? "omc").lowercased()
                let answer = try await omc.send("POST", "/api/rest/opeartionManagement/v1/elementType/\(neType)/objectType/mml", token: viewer,
                                                json: ["mml": .array([.string(name)]), "confirm": true])
                // The host checks arguments before rights: a command sent bare is refused either for its
                // missing arguments (never run) or, when it has none required, for the viewer's rights.
                let result = answer.body["data"]?[0]
                let refusedForRights = result?["code"]?.intValue == 403
                let refusedForArguments = result?["msg"]?.stringValue?.contains("is required by") == true
                #expect(refusedForRights || refusedForArguments, "MML \(name) answered a viewer: \(answer.body)")
            }
            await omc.shutdown()
        }
    }
}
