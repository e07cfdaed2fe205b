import PluginAPI

/// ``PluginAPI/CacheDirectory`` over the enabled plugins' caches; values pass through the host's
/// secret masker, so a field named like a secret never reaches the monitor even if a plugin left it.
final class HostCacheDirectory: CacheDirectory {
    let caches: [CacheDeclaration]

    init(plugins: [LoadedPlugin], masker: SecretMasker) {
        caches = plugins.flatMap { plugin in
            plugin.registrar.caches.map { CacheDeclaration(name: $0.name, remark: $0.remark, cache: MaskedCache(inner: $0.cache, masker: masker)) }
        }.sorted { $0.name < $1.name }
    }

    /// A cache whose values are masked.
    private struct MaskedCache: InspectableCache {
        let inner: any InspectableCache
        let masker: SecretMasker

        var count: Int { inner.count }
        func keys() -> [String] { inner.keys() }
        func value(forKey key: String) -> JSONValue? { inner.value(forKey: key).map { masker.masked($0, extra: []) } }
        @discardableResult func remove(key: String) -> Bool { inner.remove(key: key) }
        func removeAll() { inner.removeAll() }
    }
}
