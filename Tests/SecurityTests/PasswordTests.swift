import Foundation
import OMCTesting
import PluginAPI
@testable import Security
import Testing

extension SecurityTestSuite {
    /// Password hashes: the schemes made and verified, imported `{CRYPT}$6$` hashes, and upgrades at login.
    @Suite struct PasswordTests {
        /// `openssl passwd -6 -salt R6Odnb6O2LTHZ2Gp 'Nokia1.!'`, as the user-management API carries it.
        static let importedHash = "{CRYPT}$6$R6Odnb6O2LTHZ2Gp$rK4esi2zJ4QDbevbkhf/QkI0AZQHnBuQPpd5NN9/xH2wBTMkeyMOzwUCfNTOYjmXIQoMl03D8aYUYuq4Soyth1"

        @Test func yescryptAndBcryptHashesVerifyOnlyTheirPassword() async throws {
            for (scheme, cost, prefix) in [(PasswordScheme.yescrypt, 1, "$y$"), (.bcrypt, 4, "$2b$04$")] {
                let hasher = try PasswordHasher(scheme: scheme, cost: cost)
                let hash = try await hasher.hash("Correct#Horse1")
                #expect(hash.hasPrefix(prefix))
                #expect(try await hasher.hash("Correct#Horse1") != hash, "every hash has its own salt")
                #expect(await hasher.verify("Correct#Horse1", against: hash))
                #expect(!(await hasher.verify("Correct#Horse2", against: hash)))
                #expect(!hasher.needsRehash(hash))
            }
            let strongerHasher = try PasswordHasher(scheme: .yescrypt, cost: 5)
            #expect(strongerHasher.needsRehash(try await PasswordHasher(scheme: .yescrypt, cost: 1).hash("x")))
        }

        @Test func importedSHA512CryptHashesVerifyWithOrWithoutTheLDAPLabel() async throws {
            let hasher = try PasswordHasher(scheme: .yescrypt, cost: 1)
            #expect(await hasher.verify("Nokia1.!", against: Self.importedHash))
            #expect(await hasher.verify("Nokia1.!", against: String(Self.importedHash.dropFirst(7))))
            #expect(!(await hasher.verify("Nokia1.?", against: Self.importedHash)))
            #expect(hasher.needsRehash(Self.importedHash))
            #expect(PasswordHasher.isVerifiableHash(Self.importedHash))
            for broken in ["", "plain-text", "{CRYPT}", "$6$", "$unknown$abc$def", "*"] {
                #expect(!(await hasher.verify("", against: broken)), "\(broken)")
                #expect(!PasswordHasher.isVerifiableHash(broken), "\(broken)")
            }
            #expect(!(await hasher.verify("a\u{0}b", against: Self.importedHash)))
        }

        @Test func anImportedHashIsReplacedByTheCurrentSchemeAtTheFirstLogin() async throws {
            try await SecurityHost.start().use { host async throws in
                try await host.database.write { db in
                    try db.execute("UPDATE security_user SET password_hash = ?, must_change_password = 0 WHERE user_name = 'admin'",
                                   [.text(Self.importedHash)])
                }
                #expect(try await host.login("admin", "Nokia1.!").code == 200)
                let stored = try await host.database.read { db in
                    try db.first("SELECT password_hash FROM security_user WHERE user_name = 'admin'")?.string("password_hash")
                }
                #expect(stored?.hasPrefix("$y$") == true)
                #expect(try await host.login("admin", "Nokia1.!").code == 200, "the new hash is of the same password")
            }
        }

        @Test func thePolicyNamesTheRuleABadPasswordBreaks() {
            let policy = PasswordPolicy(minimumLength: 8, characterClasses: 4)
            #expect(policy.problem("Aa1#aaaa", userName: "bob") == nil)
            #expect(policy.problem("Aa1#", userName: "bob") == "must be at least 8 characters")
            #expect(policy.problem("Aa1aaaaa", userName: "bob") == "must contain upper and lower case letters, digits and special characters")
            #expect(policy.problem("Bob#1234x", userName: "bob") == "must not contain the user name")
            #expect(policy.problem("Aa1#aaa\u{7}a", userName: "bob") == "must not contain control characters")
            #expect(policy.problem(String(repeating: "Aa1#", count: 40), userName: "bob") == "must be at most 128 characters")
            let relaxed = PasswordPolicy(minimumLength: 6, characterClasses: 2)
            #expect(relaxed.problem("abc123", userName: "bob") == nil)
            #expect(relaxed.problem("abcdef", userName: "bob") == "must mix at least 2 of: upper case letters, lower case letters, digits, special characters")
        }

        @Test func aBadHashSettingStopsStartUp() async throws {
            await #expect(throws: (any Error).self) { _ = try await SecurityHost.start(["passwordHash": "yescrypt", "passwordCost": "20"]) }
        }
    }
}
