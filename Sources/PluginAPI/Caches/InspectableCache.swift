/// A cache a plugin keeps in memory (sessions, rights, an NE directory), registered with
/// ``PluginRegistrar/cache(_:remark:_:)`` so that operators can see and clear it (the cache monitor,
/// `/monitor/cache…`). Every entry must be one the plugin can rebuild from its source: clearing a
/// key or the whole cache only makes the next use read the source again, so it never breaks a
/// request in progress.
public protocol InspectableCache: Sendable {
    /// How many entries it holds now.
    var count: Int { get }
    /// The keys as the monitor shows them. A key that is itself a secret (a session token) is shown
    /// by a fingerprint the cache recognises in ``value(forKey:)`` and ``remove(key:)``.
    func keys() -> [String]
    /// The entry of `key` as JSON, without secrets (the host masks the well-known and declared secret
    /// fields besides); `nil` when absent.
    func value(forKey key: String) -> JSONValue?
    /// Forgets `key`; returns whether it was there.
    @discardableResult func remove(key: String) -> Bool
    /// Forgets every entry.
    func removeAll()
}

/// A registered cache.
public struct CacheDeclaration: Sendable {
    /// Unique across plugins (`security_sessions`): letters, digits, `_` and `-`.
    public let name: String
    /// What it holds, one line (the document's `remark`).
    public let remark: String
    /// The cache.
    public let cache: any InspectableCache

    /// A declaration.
    public init(name: String, remark: String, cache: any InspectableCache) {
        self.name = name
        self.remark = remark
        self.cache = cache
    }
}

/// The registered caches of every enabled plugin (`context.caches`), values masked by the host.
public protocol CacheDirectory: Sendable {
    /// Every cache, by name.
    var caches: [CacheDeclaration] { get }
}

/// What a context holds when no host built it: no caches.
public struct NoCaches: CacheDirectory {
    /// The directory.
    public init() {}
    /// None.
    public var caches: [CacheDeclaration] { [] }
}
