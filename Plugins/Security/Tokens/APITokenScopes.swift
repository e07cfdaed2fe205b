import Synchronization

/// The permission patterns of the tokens in use, by token id, so the authorizer does not read them
/// from the database on every request. The authenticator fills it when it checks a token against
/// the table; revocation removes the entry together with the cached session.
final class APITokenScopes: Sendable {
    private let scopes = Mutex<[Int64: [PermissionPattern]]>([:])

    func scope(_ tokenID: Int64) -> [PermissionPattern]? {
        scopes.withLock { $0[tokenID] }
    }

    func remember(_ patterns: [PermissionPattern], for tokenID: Int64) {
        scopes.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll() }
            cache[tokenID] = patterns
        }
    }

    func forget(_ tokenID: Int64) {
        _ = scopes.withLock { $0.removeValue(forKey: tokenID) }
    }
}
