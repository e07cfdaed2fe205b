import Foundation
import PluginAPI

/// `/monitor/cache…`: the caches the plugins registered (`context.caches`), their keys and values
/// (secrets masked by the host), and clearing a key, a cache or all of them. Entries are rebuilt
/// from their source on next use, so clearing never breaks a request.
enum CacheRoutes {
    static let nameParameter = RouteParameter.string("cacheName", maxLength: 64, pattern: "^[A-Za-z0-9_-]+$", rule: "must be a cache name")
    static let keyParameter = RouteParameter.string("cacheKey", maxLength: 512)
    static let entry = ValueSchema.object(["cacheName": .string(), "cacheKey": .string(), "cacheValue": .string(), "remark": .string()],
                                          name: "CacheEntry")

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/monitor/cache", permission: "monitor:cache:list", summary: "Cache overview: entries per cache and the process's memory",
                     answer: .data(.object(["info": .anyValue, "dbSize": .integer(), "commandStats": .anyValue], name: "CacheOverview"))) { _, context in
            let process = ProcFiles.kilobyteFields("/proc/self/status")
            let caches = context.caches.caches
            let total = caches.reduce(0) { $0 + $1.cache.count }
            return .success([
                "info": ["server": ["omc_version": .string(context.host.version), "process_id": .string(String(getpid())),
                                    "uptime_in_seconds": .string(String(Int(context.clock.now().timeIntervalSince(context.host.startedAt))))],
                         "memory": ["used_memory_human": .string(ProcFiles.size(process["VmRSS"] ?? 0))],
                         "keyspace": .object(Dictionary(uniqueKeysWithValues: caches.map { ($0.name, JSONValue.string("keys=\($0.cache.count)")) }))],
                "dbSize": .number(Double(total)),
                "commandStats": .array(caches.map { ["name": .string($0.name), "value": .string(String($0.cache.count))] }),
            ] as JSONValue)
        }

        plugin.route(.get, "/monitor/cache/getNames", permission: "monitor:cache:list", summary: "The registered caches",
                     answer: .data(.array(of: entry))) { _, context in
            .success(context.caches.caches.map { row($0.name, key: "", value: "", remark: $0.remark) })
        }

        plugin.route(.get, "/monitor/cache/getKeys/{cacheName}", permission: "monitor:cache:list", summary: "The keys of one cache",
                     parameters: [nameParameter], answer: .data(.array(of: entry))) { request, context in
            let cache = try find(try request.pathParameter("cacheName"), context)
            return .success(cache.cache.keys().map { row(cache.name, key: $0, value: "", remark: "") })
        }

        plugin.route(.get, "/monitor/cache/getValue/{cacheName}/{cacheKey}", permission: "monitor:cache:query", summary: "One cached value",
                     parameters: [nameParameter, keyParameter], answer: .data(entry)) { request, context in
            let cache = try find(try request.pathParameter("cacheName"), context)
            let key = try request.pathParameter("cacheKey")
            guard let value = cache.cache.value(forKey: key) else { throw OMCError.notFound("the cache \(cache.name) holds no key \(key)") }
            let text = String(decoding: (try? JSONBody.encode(value)) ?? [], as: UTF8.self)
            return .success(row(cache.name, key: key, value: text, remark: cache.remark))
        }

        plugin.route(.delete, "/monitor/cache/clearCacheKey/{cacheName}/{cacheKey}", permission: "monitor:cache:remove", audit: .clean,
                     summary: "Forget one cached entry", parameters: [nameParameter, keyParameter], answer: .message) { request, context in
            let cache = try find(try request.pathParameter("cacheName"), context)
            let key = try request.pathParameter("cacheKey")
            guard cache.cache.remove(key: key) else { throw OMCError.notFound("the cache \(cache.name) holds no key \(key)") }
            return .success()
        }

        plugin.route(.delete, "/monitor/cache/clearCacheName/{cacheName}", permission: "monitor:cache:remove", audit: .clean,
                     summary: "Empty one cache", parameters: [nameParameter], answer: .message) { request, context in
            try find(try request.pathParameter("cacheName"), context).cache.removeAll()
            return .success()
        }

        plugin.route(.delete, "/monitor/cache/clearCacheSafe", permission: "monitor:cache:remove", audit: .clean,
                     summary: "Empty every cache (each is rebuilt from its source on next use)", answer: .message) { _, context in
            for cache in context.caches.caches { cache.cache.removeAll() }
            return .success()
        }
    }

    static func row(_ name: String, key: String, value: String, remark: String) -> JSONValue {
        ["cacheName": .string(name), "cacheKey": .string(key), "cacheValue": .string(value), "remark": .string(remark)]
    }

    static func find(_ name: String, _ context: PluginContext) throws -> CacheDeclaration {
        guard let cache = context.caches.caches.first(where: { $0.name == name }) else {
            throw OMCError.notFound("no cache is named \(name); the caches are \(context.caches.caches.map(\.name).joined(separator: ", "))")
        }
        return cache
    }
}
