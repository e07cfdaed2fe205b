import OMCTesting
import PluginAPI
import System
import Testing

/// `/monitor/cache…` through the host, over a fixture plugin's registered cache.
@Suite(.serialized) struct CacheMonitorTests {
    static let plugins: [any OMCPlugin.Type] = [FixtureIdentityPlugin.self, FixtureTargetsPlugin.self, SystemPlugin.self]
    let admin = FixtureIdentityPlugin.admin

    @Test func showsMasksAndClearsRegisteredCaches() async throws {
        try await MockHost.run(Self.plugins) { host in
            GadgetCache.shared.fill()
            let names = await host.send(.get, "/monitor/cache/getNames", headers: admin)
            #expect(names.data?.arrayValue?.map { $0["cacheName"]?.stringValue } == ["fixture_gadgets"])
            #expect(names.data?[0]?["remark"]?.stringValue == "Gadgets by id")
            let overview = await host.send(.get, "/monitor/cache", headers: admin)
            #expect(overview.data?["dbSize"]?.intValue == 2)

            let keys = await host.send(.get, "/monitor/cache/getKeys/fixture_gadgets", headers: admin)
            #expect(keys.data?.arrayValue?.compactMap { $0["cacheKey"]?.stringValue } == ["gadget-1", "gadget-2"])
            let value = await host.send(.get, "/monitor/cache/getValue/fixture_gadgets/gadget-1", headers: admin)
            let text = try #require(value.data?["cacheValue"]?.stringValue)
            #expect(text.contains("spanner") && !text.contains("hunter2"), "\(text)")

            #expect(await host.send(.delete, "/monitor/cache/clearCacheKey/fixture_gadgets/gadget-1", headers: admin).code == 200)
            #expect(await host.send(.get, "/monitor/cache/getValue/fixture_gadgets/gadget-1", headers: admin).status == 404)
            #expect(await host.send(.delete, "/monitor/cache/clearCacheKey/fixture_gadgets/gadget-1", headers: admin).status == 404)
            #expect(GadgetCache.shared.count == 1)
            #expect(await host.send(.delete, "/monitor/cache/clearCacheName/fixture_gadgets", headers: FixtureIdentityPlugin.viewer).status == 403)
            #expect(GadgetCache.shared.count == 1)
            #expect(await host.send(.delete, "/monitor/cache/clearCacheName/nothing", headers: admin).status == 404)
            #expect(await host.send(.delete, "/monitor/cache/clearCacheName/fixture_gadgets", headers: admin).code == 200)
            #expect(GadgetCache.shared.count == 0)
            GadgetCache.shared.fill()
            #expect(await host.send(.delete, "/monitor/cache/clearCacheSafe", headers: admin).code == 200)
            #expect(GadgetCache.shared.count == 0)
            #expect(await host.send(.get, "/monitor/cache/getNames", headers: FixtureIdentityPlugin.viewer).code == 200)
        }
    }
}
