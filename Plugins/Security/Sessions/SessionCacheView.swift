import Crypto
import PluginAPI
import Synchronization

/// The session cache as the cache monitor sees it: a token is a secret, so each entry is keyed by a
/// fingerprint (the first 16 hex digits of its SHA-256), and its value names the user and the expiry,
/// never the token. Removing an entry only makes the next request check its token again.
struct SessionCacheView: InspectableCache {
    let state: SecurityState

    static func fingerprint(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).prefix(8).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    var count: Int { state.sessions.withLock { $0.count } }

    func keys() -> [String] {
        state.sessions.withLock { Array($0.keys) }.map(Self.fingerprint).sorted()
    }

    func value(forKey key: String) -> JSONValue? {
        state.sessions.withLock { cache in
            cache.first { Self.fingerprint($0.key) == key }.map { entry -> JSONValue in
                ["userId": .string(entry.value.caller.userID), "userName": .string(entry.value.caller.userName),
                 "expiresAt": .number(Double(entry.value.expiresAt))]
            }
        }
    }

    @discardableResult func remove(key: String) -> Bool {
        state.sessions.withLock { cache in
            guard let token = cache.keys.first(where: { Self.fingerprint($0) == key }) else { return false }
            cache[token] = nil
            return true
        }
    }

    func removeAll() { state.sessions.withLock { $0.removeAll() } }
}
