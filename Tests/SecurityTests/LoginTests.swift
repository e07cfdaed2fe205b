import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// `POST /login`, the first start, lockout, captcha, registration and the login log.
    @Suite struct LoginTests {
        @Test func firstStartAdminMustChangeThePasswordBeforeDoingAnything() async throws {
            try await SecurityHost.start().use { host async throws in
                let first = try await host.session("admin", SecurityHost.firstPassword)
                let info = await host.send(.get, "/getInfo", headers: first)
                #expect(info.code == 200)
                #expect(info.data?["mustChangePassword"]?.boolValue == true)
                #expect(info.data?["user"]?["userName"]?.stringValue == "admin")
                #expect(info.data?["roles"]?[0]?.stringValue == "admin")
                let refused = await host.send(.get, "/monitor/online/list", headers: first)
                #expect(refused.status == 403)
                #expect(refused.msg == "the password must be changed first: PUT /system/user/profile/updatePwd")
                #expect(await host.send(.get, "/getRouters", headers: first).data == .array([]))

                let admin = try await host.admin()
                #expect(await host.send(.get, "/monitor/online/list", headers: admin).code == 200)
                #expect(await host.send(.get, "/getInfo", headers: admin).data?["permissions"] == .array([.string("*:*:*")]))
                #expect(await host.send(.get, "/getInfo", headers: first).status == 401, "the password change ended the first session")
            }
        }

        @Test func theEnvironmentOrAGeneratedPasswordIsUsedWhenNoneIsConfigured() async throws {
            // Without adminPassword and OMC_ADMIN_PASSWORD the password is generated: the configured one does not work.
            try await SecurityHost.start(["adminPassword": "\"\""]).use { host async throws in
                let answer = try await host.login("admin", SecurityHost.firstPassword)
                #expect(answer.status == 400 && answer.msg == "wrong user name or password")
                let warning = host.logs.first { $0.message.contains("generated password") }
                #expect(warning != nil)
                #expect(!host.logs.contains { $0.message.contains(SecurityHost.firstPassword) })
            }
        }

        @Test func wrongPasswordsAndUnknownNamesGetTheSameAnswer() async throws {
            try await SecurityHost.start().use { host async throws in
                let wrong = try await host.login("admin", "Not-the-password1")
                let unknown = try await host.login("nobody", "Not-the-password1")
                #expect(wrong.status == 400 && wrong.code == 500 && wrong.msg == "wrong user name or password")
                #expect(unknown.status == wrong.status && unknown.msg == wrong.msg)
                let missing = try await host.send(.post, "/login", json: ["username": "admin"])
                #expect(missing.msg == "password: is required")
            }
        }

        @Test func failedLoginsLockTheAccountUntilUnlockedOrTheDelayPasses() async throws {
            let clock = ManualClock()
            try await SecurityHost.start(["maxFailedLogins": "3", "lockoutMinutes": "5"], clock: clock).use { host async throws in
                let admin = try await host.admin()
                for _ in 1...2 { #expect(try await host.login("admin", "Wrong#Pass1").msg == "wrong user name or password") }
                #expect(try await host.login("admin", "Wrong#Pass1").msg == "wrong user name or password; the account is now locked for 5 minute(s)")
                let locked = try await host.login("admin", SecurityHost.adminPassword)
                #expect(locked.status == 429)
                #expect(locked.msg == "the account is locked after too many failed logins; try again in 5 minute(s) or ask an administrator to unlock it")
                // Sessions opened before the lock keep working: the lock stops new logins.
                let unlocked = await host.send(.put, "/monitor/logininfor/unlock/admin", headers: admin)
                #expect(unlocked.code == 200)
                #expect(try await host.login("admin", SecurityHost.adminPassword).code == 200)
                #expect(await host.send(.put, "/monitor/logininfor/unlock/admin", headers: admin).status == 404)

                for _ in 1...3 { _ = try await host.login("admin", "Wrong#Pass1") }
                #expect(try await host.login("admin", SecurityHost.adminPassword).status == 429)
                await clock.advance(by: 4 * 60)
                #expect(try await host.login("admin", SecurityHost.adminPassword).status == 429)
                await clock.advance(by: 61)
                #expect(try await host.login("admin", SecurityHost.adminPassword).code == 200)
            }
        }

        @Test func failuresOutsideTheWindowDoNotAddUp() async throws {
            let clock = ManualClock()
            try await SecurityHost.start(["maxFailedLogins": "2", "failureWindowMinutes": "1"], clock: clock).use { host async throws in
                _ = try await host.login("admin", "Wrong#Pass1")
                await clock.advance(by: 61)
                #expect(try await host.login("admin", "Wrong#Pass1").msg == "wrong user name or password")
                #expect(try await host.login("admin", SecurityHost.firstPassword).code == 200)
            }
        }

        @Test func everyAttemptIsInTheLoginLogWithBrowserAndSystem() async throws {
            try await SecurityHost.start().use { host async throws in
                let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36"
                _ = try await host.login("admin", "Wrong#Pass1", headers: ["User-Agent": chrome])
                let admin = try await host.admin()
                _ = await host.send(.post, "/logout", headers: admin)
                let again = try await host.session("admin", SecurityHost.adminPassword, userAgent: "curl/8.4.0")
                let log = await host.send(.get, "/monitor/logininfor/list?pageSize=50", headers: again)
                let rows = log.json?["rows"]?.arrayValue ?? []
                #expect(log.json?["total"]?.intValue == 5)
                #expect(rows.map { $0["msg"]?.stringValue ?? "" } == ["Login Success", "Logout Success", "Login Success", "Login Success",
                                                                      "wrong user name or password"])
                let failure = rows.last
                #expect(failure?["status"]?.stringValue == "0")
                #expect(failure?["browser"]?.stringValue == "Chrome 86.0.4240.198")
                #expect(failure?["os"]?.stringValue == "Windows 10")
                #expect(failure?["ipaddr"]?.stringValue == "127.0.0.1")
                #expect(failure?["loginLocation"]?.stringValue == "Intranet IP")
                #expect(rows.first?["browser"]?.stringValue == "curl 8.4.0")
                let failed = await host.send(.get, "/monitor/logininfor/list?status=0", headers: again)
                #expect(failed.json?["total"]?.intValue == 1)
            }
        }

        @Test func theCaptchaIsNeededUsableOnceAndExpiresAfterTwoMinutes() async throws {
            let clock = ManualClock()
            try await SecurityHost.start(["captchaEnabled": "true"], clock: clock).use { host async throws in
                let captcha = await host.send(.get, "/captchaImage")
                #expect(captcha.code == 200 && captcha.json?["captchaEnabled"]?.boolValue == true)
                let image = Data(base64Encoded: captcha.json?["img"]?.stringValue ?? "") ?? Data()
                #expect(Array(image.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
                let uuid = try #require(captcha.json?["uuid"]?.stringValue)
                #expect(captcha.json?["text"] == nil, "the code is never sent as text")
                let code = try #require(try await host.database.read { db in
                    try db.first("SELECT code FROM security_captcha WHERE uuid = ?", [.text(uuid)])?.string("code")
                })
                #expect(try await host.login("admin", SecurityHost.firstPassword).msg == "code: the verification code is required")
                #expect(try await host.login("admin", SecurityHost.firstPassword, code: "zzzz", uuid: uuid).msg == "Verification code error")
                #expect(try await host.login("admin", SecurityHost.firstPassword, code: code, uuid: uuid).msg == "Verification code has expired",
                        "a code is spent by a wrong guess")

                let second = await host.send(.get, "/captchaImage")
                let uuid2 = try #require(second.json?["uuid"]?.stringValue)
                let code2 = try #require(try await host.database.read { db in
                    try db.first("SELECT code FROM security_captcha WHERE uuid = ?", [.text(uuid2)])?.string("code")
                })
                #expect(try await host.login("admin", SecurityHost.firstPassword, code: code2.lowercased(), uuid: uuid2).code == 200,
                        "compared case-insensitively")
                #expect(try await host.login("admin", SecurityHost.firstPassword, code: code2, uuid: uuid2).msg == "Verification code has expired")

                let third = await host.send(.get, "/captchaImage")
                let uuid3 = try #require(third.json?["uuid"]?.stringValue)
                let code3 = try #require(try await host.database.read { db in
                    try db.first("SELECT code FROM security_captcha WHERE uuid = ?", [.text(uuid3)])?.string("code")
                })
                await clock.advance(by: 121)
                #expect(try await host.login("admin", SecurityHost.firstPassword, code: code3, uuid: uuid3).msg == "Verification code has expired")
            }
        }

        @Test func withoutCaptchaTheImageRouteSaysSo() async throws {
            try await SecurityHost.start().use { host async throws in
                let captcha = await host.send(.get, "/captchaImage")
                #expect(captcha.json?["captchaEnabled"]?.boolValue == false)
            }
        }

        @Test func registrationIsOffUnlessConfiguredAndFollowsTheRules() async throws {
            let closed = try await SecurityHost.start()
            let refused = try await closed.send(.post, "/register", json: ["username": "alice1", "password": "Alice#Pass12"])
            #expect(refused.status == 403 && refused.msg == "The registration function is not currently enabled in the system!")
            await closed.shutdown()

            try await SecurityHost.start(["registrationEnabled": "true"]).use { host async throws in
                let badName = try await host.send(.post, "/register", json: ["username": "1alice", "password": "Alice#Pass12"])
                #expect(badName.msg?.hasPrefix("username: The account number cannot start with a number") == true)
                let weak = try await host.send(.post, "/register", json: ["username": "alice", "password": "alice123"])
                #expect(weak.msg == "password: must contain upper and lower case letters, digits and special characters")
                let short = try await host.send(.post, "/register", json: ["username": "alice", "password": "A#a1"])
                #expect(short.msg == "password: must be at least 8 characters")
                let viewer = try await host.registered("alice")
                let again = try await host.send(.post, "/register", json: ["username": "ALICE", "password": "Strong#Pass12"])
                #expect(again.status == 409 && again.msg == "Failed to register user [ALICE], the registered account already exists")
                #expect(await host.send(.get, "/getInfo", headers: viewer).data?["roles"] == .array([.string("viewer")]))
            }
        }
    }
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
