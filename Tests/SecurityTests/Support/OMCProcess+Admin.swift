import Foundation
import OMCTestSupport
import PluginAPI

extension OMCProcess {
    /// Logs `admin` in with the first-start password, changes it to `new` and returns a token of
    /// the new session (the first session's rights wait for that change).
    func adminToken(first: String, new: String) async throws -> String {
        let firstToken = try await token("admin", first)
        let change = try await request("PUT", "/system/user/profile/updatePwd", body: Data(try JSONBody.encode(
            ["oldPassword": .string(first), "newPassword": .string(new)] as JSONValue)), headers: [
            "Authorization": "Bearer \(firstToken)", "Content-Type": "application/json",
        ])
        guard change.status == 200 else { throw TestFailure("password change: \(change.status)") }
        return try await token("admin", new)
    }

    private func token(_ userName: String, _ password: String) async throws -> String {
        let answer = try await request("POST", "/login", body: Data(try JSONBody.encode(
            ["username": .string(userName), "password": .string(password)] as JSONValue)), headers: ["Content-Type": "application/json"])
        guard let token = (try? JSONDecoder().decode(JSONValue.self, from: answer.body))?["data"]?["access_token"]?.stringValue else {
            throw TestFailure("login of \(userName): \(String(decoding: answer.body, as: UTF8.self))")
        }
        return token
    }
}
