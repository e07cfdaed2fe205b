import Foundation
import OMCTestSupport
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// API tokens against a real `omc serve`: made once with a password login, then used by a script
    /// against the stock configuration (captcha on) after a restart, with every use in the operation log.
    @Suite struct APITokenEndToEndTests {
        static func configuration(captcha: Bool) -> String {
            """
            plugins:
              - id: ne
              - id: security
                config:
                  adminPassword: "\(SecurityHost.firstPassword)"
                  passwordCost: 1
                  captchaEnabled: \(captcha)
            """
        }

        /// Starting blocks a thread until the process listens, so it runs on a Dispatch thread.
        static func start(captcha: Bool, data: URL? = nil) async throws -> OMCProcess {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try OMCProcess(configuration: configuration(captcha: captcha), dataDirectory: data) })
                }
            }
        }

        static func call(_ omc: OMCProcess, _ method: String, _ path: String, bearer: String? = nil,
                         json: JSONValue? = nil) async throws -> (status: Int, body: JSONValue) {
            var headers = ["Content-Type": "application/json"]
            if let bearer { headers["Authorization"] = "Bearer \(bearer)" }
            let answer = try await omc.request(method, path, body: try json.map { Data(try JSONBody.encode($0)) }, headers: headers)
            return (answer.status, (try? JSONDecoder().decode(JSONValue.self, from: answer.body)) ?? .null)
        }

        static func login(_ omc: OMCProcess, _ password: String) async throws -> String {
            let answer = try await call(omc, "POST", "/login", json: ["username": "admin", "password": .string(password)])
            guard let token = answer.body["data"]?["access_token"]?.stringValue else { throw TestFailure("login: \(answer.body)") }
            return token
        }

        @Test func aScriptUsesATokenAgainstTheStockCaptchaAcrossARestart() async throws {
            var omc = try await Self.start(captcha: false)
            let first = try await Self.login(omc, SecurityHost.firstPassword)
            let changed = try await Self.call(omc, "PUT", "/system/user/profile/updatePwd", bearer: first,
                                              json: ["oldPassword": .string(SecurityHost.firstPassword), "newPassword": .string(SecurityHost.adminPassword)])
            #expect(changed.status == 200)
            let session = try await Self.login(omc, SecurityHost.adminPassword)
            let made = try await Self.call(omc, "POST", "/system/user/token", bearer: session,
                                           json: ["name": "tour", "expiresInDays": 1, "permissions": ["*:*:*"]])
            let secret = try #require(made.body["data"]?["token"]?.stringValue, "\(made.body)")
            let data = omc.dataDirectory
            _ = omc.stop()

            omc = try await Self.start(captcha: true, data: data)
            let refused = try await Self.call(omc, "POST", "/login", json: ["username": "admin", "password": .string(SecurityHost.adminPassword)])
            #expect(refused.status == 400, "the stock captcha must refuse a login without its code: \(refused.body)")
            let state = try await Self.call(omc, "GET", "/api/rest/systemManagement/v1/elementType/omc/objectType/systemState", bearer: secret)
            #expect(state.status == 200)
            let mml = try await Self.call(omc, "POST", "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml", bearer: secret,
                                          json: ["mml": ["date"]])
            #expect(mml.body["data"]?[0]?["code"]?.intValue == 200, "\(mml.body)")
            let log = try await Self.call(omc, "GET", "/monitor/operlog/list?operName=token", bearer: secret)
            let names = Set((log.body["rows"]?.arrayValue ?? []).compactMap { $0["operName"]?.stringValue })
            #expect(names == ["admin (token: tour)"], "\(log.body)")
            let stored = try String(contentsOf: data.appendingPathComponent("omc.sqlite"), encoding: .isoLatin1)
            #expect(!stored.contains(secret), "the secret is in the database file")
            _ = omc.stop()
        }
    }
}
