import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Security

/// A mock host with the Security plugin (and the `ne` plugin, for routes of another plugin), a
/// known first-start password, a low hash cost so tests stay fast, and captcha and the initial password change off unless asked.
enum SecurityHost {
    static let firstPassword = "First#Start9x"
    static let adminPassword = "Omc#Pass42y"

    static func start(_ settings: [String: String] = [:], plugins: [any OMCPlugin.Type] = [SecurityPlugin.self, NEManagementPlugin.self],
                      clock: ManualClock = ManualClock(), databaseDirectory: String? = nil) async throws -> MockHost {
        var config = ["adminPassword": "\"\(firstPassword)\"", "captchaEnabled": "false", "passwordCost": "1",
                      "initialPasswordChange": "false"]
        config.merge(settings) { _, given in given }
        var yaml = "plugins:\n  - id: security\n    config:\n"
        for (key, value) in config.sorted(by: { $0.key < $1.key }) { yaml += "      \(key): \(value)\n" }
        for plugin in plugins where plugin.manifest.id != "security" { yaml += "  - id: \(plugin.manifest.id)\n" }
        return try await MockHost.start(plugins, configuration: yaml, clock: clock, databaseDirectory: databaseDirectory)
    }
}

extension MockHost {
    /// `POST /login`; the whole answer.
    func login(_ userName: String, _ password: String, headers: [String: String] = [:], code: String? = nil,
               uuid: String? = nil) async throws -> MockResponse {
        var body = ["username": userName, "password": password]
        if let code { body["code"] = code }
        if let uuid { body["uuid"] = uuid }
        return try await send(.post, "/login", json: body, headers: headers)
    }

    /// Logs in and returns the bearer header, or throws with the refusal.
    func session(_ userName: String, _ password: String, userAgent: String? = nil) async throws -> [String: String] {
        let answer = try await login(userName, password, headers: userAgent.map { ["User-Agent": $0] } ?? [:])
        guard let token = answer.data?["access_token"]?.stringValue else { throw TestFailure("login of \(userName) failed: \(answer.text)") }
        return ["Authorization": "Bearer \(token)"]
    }

    /// Logs in as `admin`, replaces the first-start password, and logs in again.
    func admin() async throws -> [String: String] {
        let first = try await session("admin", SecurityHost.firstPassword)
        let changed = try await send(.put, "/system/user/profile/updatePwd",
                                     json: ["oldPassword": SecurityHost.firstPassword, "newPassword": SecurityHost.adminPassword], headers: first)
        guard changed.code == 200 else { throw TestFailure("password change failed: \(changed.text)") }
        return try await session("admin", SecurityHost.adminPassword)
    }

    /// Registers `userName` (registration must be enabled) and logs in.
    func registered(_ userName: String, password: String = "Viewer#Pass77") async throws -> [String: String] {
        let answer = try await send(.post, "/register", json: ["username": userName, "password": password, "confirmPassword": password])
        guard answer.code == 200 else { throw TestFailure("registration of \(userName) failed: \(answer.text)") }
        return try await session(userName, password)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
