import JWTKit
import PluginAPI
import Synchronization

/// What the plugin keeps in memory between requests, shared by its routes and hooks: the signing
/// keys, the password hasher, and short-lived caches of sessions and rights that spare the
/// database a query on every request.
///
/// Every change made through this plugin updates the caches at once (``sessionEnded(_:)``,
/// ``userChanged(_:)``, ``rightsChanged()``); the time limit only bounds how long a change made
/// behind the plugin's back (directly in the database) can go unnoticed.
final class SecurityState: Sendable {
    /// How long a cached session or set of rights is trusted before the database is asked again.
    static let cacheLifetime: Duration = .seconds(5)

    let settings: SecuritySettings
    let hasher: PasswordHasher
    /// The permission patterns of the API tokens in use.
    let tokenScopes = APITokenScopes()
    private let keys = Mutex<JWTKeyCollection?>(nil)
    /// A hash of a random password, made with the current scheme and cost; see ``verificationHash(of:)``.
    private let dummyHash = Mutex<String?>(nil)
    /// Read by the cache monitor's views (``SessionCacheView``, ``RightsCacheView``).
    let sessions = Mutex<[String: CachedSession]>([:])
    let rights = Mutex<[String: CachedRights]>([:])

    struct CachedSession: Sendable {
        let caller: Caller
        let expiresAt: Int64
        let checkedAt: ContinuousClock.Instant
    }

    struct CachedRights: Sendable {
        let rights: UserRights
        let checkedAt: ContinuousClock.Instant
    }

    init(settings: SecuritySettings) throws {
        self.settings = settings
        hasher = try PasswordHasher(scheme: settings.passwordScheme, cost: settings.passwordCost)
    }

    /// Installs the HS256 key (at start).
    func useSigningKey(_ key: [UInt8]) async {
        let collection = JWTKeyCollection()
        await collection.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        keys.withLock { $0 = collection }
    }

    /// The hash a login verifies the given password against: the account's own, or for an unknown
    /// name a real hash of the same scheme and cost, so that both take the same time. The dummy is
    /// made once (at start, ``prepareDummyHash()``) off the cooperative threads, like every hash.
    func verificationHash(of account: UserAccount?) async throws -> String {
        if let account { return account.passwordHash }
        if let made = dummyHash.withLock({ $0 }) { return made }
        return try await prepareDummyHash()
    }

    /// Makes the dummy hash (at start); a second call keeps the first one's.
    @discardableResult
    func prepareDummyHash() async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let password = String((0..<24).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x61...0x7A, using: &generator))) })
        let made = try await hasher.hash(password)
        return dummyHash.withLock { stored in
            if let stored { return stored }
            stored = made
            return made
        }
    }

    func signingKeys() throws -> JWTKeyCollection {
        guard let collection = keys.withLock({ $0 }) else { throw OMCError(.internal, "the security plugin has not started") }
        return collection
    }

    /// The session a token was found valid for, by the token's exact text: a token is cached only
    /// after its signature was verified, and the same text carries the same signature, so a hit
    /// spares the signature check as well as the database.
    func cachedSession(token: String) -> CachedSession? {
        let now = ContinuousClock.now
        return sessions.withLock { cache -> CachedSession? in
            guard let entry = cache[token] else { return nil }
            guard now - entry.checkedAt < Self.cacheLifetime else { cache[token] = nil; return nil }
            return entry
        }
    }

    func remember(_ session: CachedSession, token: String) {
        sessions.withLock { cache in
            // Bounded: a flood of distinct tokens cannot grow memory without limit.
            if cache.count >= 10_000 { cache.removeAll() }
            cache[token] = session
        }
    }

    func cachedRights(_ userID: String) -> UserRights? {
        let now = ContinuousClock.now
        return rights.withLock { cache -> UserRights? in
            guard let entry = cache[userID] else { return nil }
            guard now - entry.checkedAt < Self.cacheLifetime else { cache[userID] = nil; return nil }
            return entry.rights
        }
    }

    func remember(_ userRights: UserRights, for userID: String) {
        rights.withLock { cache in
            if cache.count > 100_000 { cache.removeAll() }
            cache[userID] = CachedRights(rights: userRights, checkedAt: ContinuousClock.now)
        }
    }

    /// A session was ended (logout, forced quit).
    func sessionEnded(_ sessionID: String) {
        sessions.withLock { cache in cache = cache.filter { $0.value.caller.sessionID != sessionID } }
    }

    /// A user's account changed (password, lock, status, deletion, roles): forget their sessions and rights.
    func userChanged(_ userID: Int64) {
        let id = String(userID)
        sessions.withLock { cache in cache = cache.filter { $0.value.caller.userID != id } }
        _ = rights.withLock { $0.removeValue(forKey: id) }
    }

    /// Roles or their permissions changed: forget every user's rights.
    func rightsChanged() {
        rights.withLock { $0.removeAll() }
    }
}
