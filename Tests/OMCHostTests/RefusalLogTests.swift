import Foundation
import OMCHost
import OMCTesting
import PluginAPI
import Testing

/// REST requests refused for want of a session or a right reach the operation log once, in the host,
/// and a flood of them writes a bounded number of entries.
@Suite struct RefusalLogTests {
    func host() async throws -> MockHost {
        try await MockHost.start([InventoryPlugin.self, KeyringPlugin.self])
    }

    @Test func refusalsAreRecordedWithWhoRouteStatusAndReason() async throws {
        try await host().use { host async throws in
            #expect(await host.send(.get, "/inventory/items?token=leaked-value").status == 401)
            #expect(try await host.send(.post, "/inventory/items", json: ["name": "x"], headers: ["Authorization": "Bearer viewer-token"]).status == 403)
            #expect(await host.send(.get, "/keyring/oplog", headers: ["Authorization": "Bearer forged"]).status == 401)
            let refusals = host.operations.filter { $0.title.hasPrefix("Refused: ") }
            #expect(refusals.count == 3)
            guard refusals.count == 3 else { return }
            #expect(refusals[0].operatorName == "anonymous" && refusals[0].method == "GET" && !refusals[0].succeeded)
            #expect(refusals[0].url == "/inventory/items?token=******" && refusals[0].clientAddress != nil)
            #expect(refusals[0].result == "HTTP 401: authentication required: log in and send the token as 'Authorization: Bearer <token>'")
            #expect(refusals[1].operatorName == "viewer" && refusals[1].method == "POST")
            #expect(refusals[1].result == "HTTP 403: permission 'inventory:item:add' is required for POST /inventory/items")
            #expect(refusals[2].result == "HTTP 401: token is revoked or expired")
        }
    }

    @Test func aFloodOfIdenticalRefusalsWritesOneEntryAMinute() async throws {
        try await host().use { host async throws in
            for _ in 0..<300 { _ = await host.send(.get, "/inventory/items") }
            #expect(host.operations.count == 1)
            await host.clock.advance(by: 61)
            _ = await host.send(.get, "/inventory/items")
            #expect(host.operations.count == 2)
            #expect(host.operations.last?.result.hasSuffix("(299 refusals before this one were not recorded: repeats within a minute, or over 120 a minute)") == true,
                    "\(host.operations.last?.result ?? "")")
        }
    }

    @Test func atMostOneHundredTwentyRefusalsAMinuteAreRecordedWhateverTheirSources() {
        let limiter = RefusalLimiter()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let admitted = (0..<130).filter { limiter.admit("10.0.0.\($0) anonymous 401 GET /x", now: start).record }
        #expect(admitted.count == RefusalLimiter.perMinute)
        #expect(!limiter.admit("10.0.0.1 anonymous 401 GET /x", now: start.addingTimeInterval(59)).record)
        let next = limiter.admit("10.0.0.1 anonymous 401 GET /x", now: start.addingTimeInterval(60))
        #expect(next.record && next.omitted == 11)
        #expect(limiter.admit("10.0.0.2 anonymous 401 GET /x", now: start.addingTimeInterval(61)) == (true, 0))
    }
}
