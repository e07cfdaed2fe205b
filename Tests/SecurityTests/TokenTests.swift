import Foundation
import JWTKit
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Session tokens: forged, expired, revoked and wrong-key tokens are refused; logout, forced quit
    /// and password change end a session at once.
    @Suite struct TokenTests {
        /// The claims the OMC signs, for forging tokens with other keys.
        struct Claims: JWTPayload {
            let login_key: String
            let user_id: String
            let iat: IssuedAtClaim
            let exp: ExpirationClaim
            func verify(using algorithm: some JWTAlgorithm) async throws {}
        }

        static func token(_ headers: [String: String]) -> String {
            String(headers["Authorization"]?.dropFirst("Bearer ".count) ?? "")
        }

        static func claims(_ token: String) throws -> [String: JSONValue] {
            let part = token.split(separator: ".")[1]
            var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: Data(base64Encoded: base64) ?? Data()) else { return [:] }
            return members
        }

        @Test func forgedAndWrongKeyTokensAreRefused() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let token = Self.token(admin)
                let claims = try Self.claims(token)
                #expect(claims["user_id"]?.stringValue == "1")
                let sessionID = try #require(claims["login_key"]?.stringValue)
                #expect(sessionID.count == 32)

                // The same claims signed with another key.
                let otherKeys = JWTKeyCollection()
                await otherKeys.add(hmac: HMACKey(from: Array(repeating: UInt8(7), count: 32)), digestAlgorithm: .sha256)
                let wrongKey = try await otherKeys.sign(Claims(login_key: sessionID, user_id: "1", iat: IssuedAtClaim(value: host.clock.now()),
                                                               exp: ExpirationClaim(value: host.clock.now().addingTimeInterval(3600))))
                // The payload changed (another user) with the signature kept.
                let parts = token.split(separator: ".").map(String.init)
                let otherPayload = Data(#"{"login_key":"\#(sessionID)","user_id":"2","iat":1,"exp":9999999999}"#.utf8).base64EncodedString()
                    .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                let tampered = [parts[0], otherPayload, parts[2]].joined(separator: ".")
                // "alg": "none" with no signature.
                let noneHeader = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                let unsigned = [noneHeader, parts[1], ""].joined(separator: ".")

                for forged in [wrongKey, tampered, unsigned, "not-a-token", parts[0] + "." + parts[1]] {
                    let answer = await host.send(.get, "/getInfo", headers: ["Authorization": "Bearer \(forged)"])
                    #expect(answer.status == 401, "\(forged)")
                    #expect(answer.msg == "the token is not valid (malformed, or not signed by this OMC): log in again")
                }
                #expect(await host.send(.get, "/getInfo", headers: admin).code == 200)
                #expect(await host.send(.get, "/getInfo", headers: ["AccessToken": token]).code == 200, "the document's AccessToken header")
            }
        }

        @Test func tokensExpireByTheOMCClock() async throws {
            let clock = ManualClock()
            try await SecurityHost.start(["tokenLifetimeMinutes": "5"], clock: clock).use { host async throws in
                let admin = try await host.admin()
                await clock.advance(by: 4 * 60)
                #expect(await host.send(.get, "/getInfo", headers: admin).code == 200)
                await clock.advance(by: 61)
                let expired = await host.send(.get, "/getInfo", headers: admin)
                #expect(expired.status == 401 && expired.msg == "the session has expired: log in again")
                let online = try await host.session("admin", SecurityHost.adminPassword)
                let list = await host.send(.get, "/monitor/online/list", headers: online)
                #expect(list.json?["total"]?.intValue == 1, "the expired session is not online")
            }
        }

        @Test func logoutEndsTheSessionAtOnce() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                #expect(await host.send(.get, "/getInfo", headers: admin).code == 200)
                let logout = await host.send(.post, "/logout", headers: admin)
                #expect(logout.code == 200 && logout.msg == "Logout Success")
                let after = await host.send(.get, "/getInfo", headers: admin)
                #expect(after.status == 401)
                #expect(after.msg == "the session has ended (logged out, ended by an administrator, or the password changed): log in again")
                #expect(await host.send(.post, "/logout").msg == "Logout Success", "logout without a session is harmless")
            }
        }

        @Test func forcedQuitEndsAnotherSession() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let other = try await host.session("admin", SecurityHost.adminPassword, userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0")
                let list = await host.send(.get, "/monitor/online/list", headers: admin)
                let rows = list.json?["rows"]?.arrayValue ?? []
                #expect(list.json?["total"]?.intValue == 2)
                let otherID = try Self.claims(Self.token(other))["login_key"]?.stringValue
                let row = rows.first { $0["tokenId"]?.stringValue == otherID }
                #expect(row?["browser"]?.stringValue == "Firefox 120.0" && row?["os"]?.stringValue == "Linux")
                #expect(row?["deptName"]?.stringValue == "OMC" && row?["userName"]?.stringValue == "admin")
                #expect(row?["loginTime"]?.numberValue != nil)
                let id = try #require(otherID)
                #expect(await host.send(.get, "/getInfo", headers: other).code == 200)
                #expect(await host.send(.delete, "/monitor/online/\(id)", headers: admin).code == 200)
                #expect(await host.send(.get, "/getInfo", headers: other).status == 401)
                #expect(await host.send(.delete, "/monitor/online/\(id)", headers: admin).status == 404)
                #expect(await host.send(.get, "/getInfo", headers: admin).code == 200)
                let filtered = await host.send(.get, "/monitor/online/list?userName=nobody", headers: admin)
                #expect(filtered.json?["total"]?.intValue == 0)
            }
        }

        @Test func aPasswordChangeEndsEverySessionOfTheAccount() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                let second = try await host.session("admin", SecurityHost.adminPassword)
                let wrongOld = try await host.send(.put, "/system/user/profile/updatePwd",
                                                   json: ["oldPassword": "Wrong#Pass1", "newPassword": "Another#Pass9"], headers: admin)
                #expect(wrongOld.msg == "oldPassword: Failed to change password, old password is wrong")
                let same = try await host.send(.put, "/system/user/profile/updatePwd",
                                               json: ["oldPassword": SecurityHost.adminPassword, "newPassword": SecurityHost.adminPassword], headers: admin)
                #expect(same.msg == "newPassword: The new password cannot be the same as the old password")
                let weak = try await host.send(.put, "/system/user/profile/updatePwd",
                                               json: ["oldPassword": SecurityHost.adminPassword, "newPassword": "password"], headers: admin)
                #expect(weak.msg == "newPassword: must contain upper and lower case letters, digits and special characters")
                #expect(await host.send(.get, "/getInfo", headers: second).code == 200, "failed changes end nothing")
                let changed = try await host.send(.put, "/system/user/profile/updatePwd",
                                                  json: ["oldPassword": SecurityHost.adminPassword, "newPassword": "Another#Pass9"], headers: admin)
                #expect(changed.code == 200)
                #expect(await host.send(.get, "/getInfo", headers: admin).status == 401)
                #expect(await host.send(.get, "/getInfo", headers: second).status == 401)
                #expect(try await host.login("admin", SecurityHost.adminPassword).status == 400)
                #expect(try await host.login("admin", "Another#Pass9").code == 200)
            }
        }

        @Test func theSigningKeyIsKeptOwnerOnlyAndReusedAcrossRestarts() async throws {
            try await SecurityHost.start().use { host async throws in
                let path = host.dataDirectory + "/security/jwt.key"
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect((attributes[.posixPermissions] as? Int) == 0o600)
                let key = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(Data(base64Encoded: key)?.count == 32)
            }
        }

        @Test func aConfiguredKeySignsTokensAndATooShortOneIsRefused() async throws {
            await #expect(throws: (any Error).self) {
                _ = try await SecurityHost.start(["jwtKey": "\"short\""])
            }
            try await SecurityHost.start(["jwtKey": "\"0123456789abcdef0123456789abcdef-configured\""]).use { host async throws in
                let admin = try await host.admin()
                let keys = JWTKeyCollection()
                await keys.add(hmac: HMACKey(from: Array("0123456789abcdef0123456789abcdef-configured".utf8)), digestAlgorithm: .sha256)
                let claims = try await keys.verify(Self.token(admin), as: Claims.self)
                #expect(claims.user_id == "1")
                #expect(!FileManager.default.fileExists(atPath: host.dataDirectory + "/security/jwt.key"))
            }
        }
    }
}
