import Foundation
import OMCTesting
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Issue 19, items 8 and 9: the login answers do not tell which names exist by their time, and
    /// one address guessing a password or two at many names is slowed down like one name is.
    @Suite struct LoginProbingTests {
        static func median(_ samples: [Duration]) -> Duration {
            samples.sorted()[samples.count / 2]
        }

        @Test func unknownLockedAndDisabledNamesTakeAsLongAsAWrongPassword() async throws {
            // The default hash cost, so that a hash takes long enough to see; limits high enough
            // that neither lockout stops the measurement.
            try await SecurityHost.start(["passwordCost": "5", "maxFailedLogins": "100", "maxFailedLoginsPerSource": "100000"]).use { host async throws in
                let admin = try await host.admin()
                let viewer = try await host.roleID("viewer")
                let disabled = try await host.addUser("dormant", roles: [viewer], as: admin)
                #expect(try await host.send(.put, "/system/user/changeStatus", json: ["userId": .string(String(disabled)), "status": "0"] as JSONValue,
                                            headers: admin).code == 200)

                var timings: [String: [Duration]] = [:]
                let clock = ContinuousClock()
                // Interleaved, so that load on the machine falls on every kind alike; medians, so that a
                // stall now and then does not count.
                for round in 0..<11 {
                    for (kind, name) in [("known", "admin"), ("unknown", "nobody\(round)"), ("disabled", "dormant")] {
                        let started = clock.now
                        let answer = try await host.login(name, "Wrong#Pass\(round)")
                        timings[kind, default: []].append(clock.now - started)
                        #expect(answer.msg == "wrong user name or password", "\(kind): \(answer.text)")
                    }
                }
                let known = Self.median(timings["known"] ?? [])
                let unknown = Self.median(timings["unknown"] ?? [])
                let dormant = Self.median(timings["disabled"] ?? [])
                #expect(known > .milliseconds(2), "a hash of cost 5 takes milliseconds: \(known)")
                #expect(unknown >= known * 0.5, "unknown names: \(unknown) against \(known) for a wrong password")
                #expect(dormant >= known * 0.5, "a disabled account: \(dormant) against \(known)")
            }
        }

        @Test func aLockedNameTakesAsLongAsAWrongPassword() async throws {
            try await SecurityHost.start(["passwordCost": "5", "maxFailedLogins": "2", "maxFailedLoginsPerSource": "100000"]).use { host async throws in
                let admin = try await host.admin()
                _ = try await host.addUser("probe", roles: [try await host.roleID("viewer")], as: admin)
                // `lockedname` is locked by name (it need not exist: failures of unknown names count too).
                for _ in 1...2 { _ = try await host.login("lockedname", "Wrong#Pass1") }
                let clock = ContinuousClock()
                var (open, locked): ([Duration], [Duration]) = ([], [])
                for _ in 0..<11 {
                    var started = clock.now
                    let wrong = try await host.login("probe", "Wrong#Pass1")
                    open.append(clock.now - started)
                    #expect(wrong.msg == "wrong user name or password", "\(wrong.text)")
                    // A good login clears the count, so `probe` never locks.
                    #expect(try await host.login("probe", "User#Pass123").code == 200)
                    started = clock.now
                    let answer = try await host.login("lockedname", "Wrong#Pass1")
                    locked.append(clock.now - started)
                    #expect(answer.status == 429, "\(answer.text)")
                }
                let (openMedian, lockedMedian) = (Self.median(open), Self.median(locked))
                #expect(lockedMedian >= openMedian * 0.5, "a locked name: \(lockedMedian) against \(openMedian) for a wrong password")
            }
        }

        @Test func oneAddressSprayingManyNamesIsRefusedUntilItsWindowPasses() async throws {
            let clock = ManualClock()
            try await SecurityHost.start(["maxFailedLoginsPerSource": "5", "sourceFailureWindowMinutes": "10"], clock: clock).use { host async throws in
                let admin = try await host.admin()
                let viewer = try await host.roleID("viewer")
                for index in 1...3 { _ = try await host.addUser("user\(index)", roles: [viewer], as: admin) }
                // One guess at each of five names, known or not: no name is locked, the address is.
                for name in ["user1", "user2", "user3", "ghost1", "ghost2"] {
                    let answer = try await host.login(name, "Summer#2026x")
                    #expect(answer.msg == "wrong user name or password", "\(name): \(answer.text)")
                }
                let refused = try await host.login("admin", SecurityHost.adminPassword)
                #expect(refused.status == 429)
                #expect(refused.msg == "too many failed logins from this address (5 within 10 minute(s)); try again in 10 minute(s)")
                #expect(try await host.login("user4", "Summer#2026x").status == 429, "every name is refused from this address")
                let logged = try await host.database.read { db in
                    try db.query("SELECT user_name, msg FROM security_login_log WHERE status = '0' ORDER BY info_id", []).map {
                        "\($0.string("user_name") ?? ""): \($0.string("msg") ?? "")"
                    }
                }
                #expect(logged.suffix(2) == ["admin: \(refused.msg ?? "")", "user4: \(refused.msg ?? "")"], "\(logged)")
                #expect(await host.send(.get, "/system/user/list", headers: admin).code == 200, "sessions already open keep working")

                await clock.advance(by: 9 * 60)
                #expect(try await host.login("admin", SecurityHost.adminPassword).msg?.contains("try again in 1 minute(s)") == true)
                await clock.advance(by: 61)
                #expect(try await host.login("admin", SecurityHost.adminPassword).code == 200, "the window has passed")
                #expect(try await host.login("user1", "User#Pass123").code == 200, "user1 was never locked")
            }
        }
    }
}
