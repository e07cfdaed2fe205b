import PluginAPI
import Synchronization

/// The rights cache as the cache monitor sees it: by user id, the roles' grants.
struct RightsCacheView: InspectableCache {
    let state: SecurityState

    var count: Int { state.rights.withLock { $0.count } }
    func keys() -> [String] { state.rights.withLock { Array($0.keys) }.sorted() }

    func value(forKey key: String) -> JSONValue? {
        state.rights.withLock { $0[key] }.map { entry in
            ["permissions": .array(entry.rights.grantedPatterns.map(JSONValue.string)), "mustChangePassword": .bool(entry.rights.mustChangePassword)]
        }
    }

    @discardableResult func remove(key: String) -> Bool { state.rights.withLock { $0.removeValue(forKey: key) != nil } }
    func removeAll() { state.rights.withLock { $0.removeAll() } }
}
