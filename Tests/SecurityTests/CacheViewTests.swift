import PluginAPI
@testable import Security
import Testing

extension SecurityTestSuite {
    /// The session and rights caches as the cache monitor sees them: tokens never appear, keys are
    /// fingerprints the views recognise, and removing an entry only forgets it.
    @Suite struct CacheViewTests {
        @Test func sessionsAreShownByFingerprintNeverByToken() throws {
            let state = try SecurityState(settings: SecuritySettings(PluginConfiguration()))
            let token = "eyJhbGciOiJIUzI1NiJ9.secret-token-text.signature"
            state.remember(SecurityState.CachedSession(caller: Caller(userID: "7", userName: "li.wei", roles: [], sessionID: "s7"),
                                                       expiresAt: 1_800_000_000_000, checkedAt: .now), token: token)
            let view = SessionCacheView(state: state)
            let keys = view.keys()
            #expect(keys == [SessionCacheView.fingerprint(token)] && keys.first?.count == 16 && !token.contains(keys.first ?? "-"))
            let value = try #require(view.value(forKey: keys.first ?? ""))
            #expect(value["userName"]?.stringValue == "li.wei")
            #expect(!"\(value)".contains("secret-token-text"))
            #expect(view.remove(key: keys.first ?? "") && view.count == 0)
            #expect(state.cachedSession(token: token) == nil)
        }
    }
}
