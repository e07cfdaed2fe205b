import Foundation
import OMCTesting
import PluginAPI
import Testing

/// Long operations through the host: `Prefer: respond-async` answers 202 with the operation, the
/// synchronous answer records one, `/monitor/operation/…` shows, lists and cancels them, and other
/// users' operations stay out of reach without `monitor:operation:list` / `monitor:operation:cancel`.
@Suite struct LongOperationTests {
    static let alice = ["Authorization": "Bearer alice-token"]
    static let bob = ["Authorization": "Bearer bob-token"]
    static let boss = ["Authorization": "Bearer boss-token"]
    static let async = ["Prefer": "respond-async, wait=5"]

    /// Polls the operation `id` as `headers` until `done` holds (at most 30 s, for a loaded machine).
    static func waitFor(_ host: MockHost, _ id: String, headers: [String: String],
                        until done: (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = JSONValue.null
        while ContinuousClock.now < deadline {
            last = await host.send(.get, "/monitor/operation/\(id)", headers: headers).data ?? .null
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("operation \(id) never reached the expected state; last seen \(last)")
        return last
    }

    static func number(_ value: JSONValue?) -> Double {
        if case .number(let number)? = value { return number }
        return -1
    }

    @Test func anAsyncRequestAnswersAtOnceAndItsOwnerFollowsAndCancelsIt() async throws {
        let host = try await MockHost.start([StopwatchPlugin.self])
        let accepted = await host.send(.post, "/stopwatch/100000", headers: Self.alice.merging(Self.async) { $1 })
        #expect(accepted.status == 202)
        #expect(accepted.headers["Preference-Applied"] == "respond-async")
        let id = try #require(accepted.data?["operationId"]?.stringValue)
        #expect(accepted.headers["Location"] == "/monitor/operation/\(id)")
        #expect(accepted.data?["state"]?.stringValue == "running")
        #expect(accepted.data?["owner"]?.stringValue == "alice")

        let moving = try await Self.waitFor(host, id, headers: Self.alice) { ($0["done"]?.intValue ?? 0) >= 3 }
        #expect(moving["phase"]?.stringValue == "ticking")
        #expect(moving["total"]?.intValue == 100_000)
        #expect((moving["done"]?.intValue ?? 0) < 100_000)
        #expect(Self.number(moving["rate"]) > 0, "\(moving)")

        let cancel = await host.send(.put, "/monitor/operation/cancel/\(id)", headers: Self.alice)
        #expect(cancel.status == 200, "\(cancel.text)")
        #expect(cancel.data?["cancelRequested"]?.boolValue == true)
        let ended = try await Self.waitFor(host, id, headers: Self.alice) { $0["state"]?.stringValue != "running" }
        #expect(ended["state"]?.stringValue == "cancelled")
        #expect(ended["endedAt"]?.stringValue != nil)
        #expect((ended["errorCount"]?.intValue ?? 0) >= 0)
        let again = await host.send(.put, "/monitor/operation/cancel/\(id)", headers: Self.alice)
        #expect(again.status == 409 && again.msg?.contains("cancelled, not running") == true, "\(again.text)")
        await host.shutdown()
    }

    @Test func aSynchronousAnswerKeepsItsShapeAndRecordsTheOperation() async throws {
        let host = try await MockHost.start([StopwatchPlugin.self])
        let answer = await host.send(.post, "/stopwatch/15", headers: Self.alice.merging(["X-Request-Id": "sync-stopwatch-1"]) { $1 })
        #expect(answer.status == 200 && answer.code == 200)
        #expect(answer.data?.intValue == 15)
        let id = try #require(answer.headers["X-Operation-Id"])
        let recorded = await host.send(.get, "/monitor/operation/\(id)", headers: Self.alice).data
        #expect(recorded?["state"]?.stringValue == "succeeded")
        #expect(recorded?["result"]?.intValue == 15)
        #expect(recorded?["done"]?.intValue == 15)
        #expect(recorded?["errorCount"]?.intValue == 1 && recorded?["errors"]?[0]?.stringValue == "tick 10 was a round number")
        // Another request finds a synchronous operation by the request id it was sent with.
        let found = await host.send(.get, "/monitor/operation/list?requestId=sync-stopwatch-1", headers: Self.alice).json
        #expect(found?["total"]?.intValue == 1 && found?["rows"]?[0]?["operationId"]?.stringValue == id)
        await host.shutdown()
    }

    @Test func othersOperationsNeedTheRights() async throws {
        let host = try await MockHost.start([StopwatchPlugin.self])
        let started = await host.send(.post, "/stopwatch/100000", headers: Self.alice.merging(Self.async) { $1 })
        let id = try #require(started.data?["operationId"]?.stringValue)

        let peek = await host.send(.get, "/monitor/operation/\(id)", headers: Self.bob)
        #expect(peek.status == 404, "\(peek.text)")
        #expect(await host.send(.get, "/monitor/operation/list", headers: Self.bob).json?["total"]?.intValue == 0)
        let refused = await host.send(.put, "/monitor/operation/cancel/\(id)", headers: Self.bob)
        #expect(refused.status == 404, "\(refused.text)")
        #expect(await host.send(.get, "/monitor/operation/\(id)", headers: Self.alice).data?["cancelRequested"]?.boolValue == false)

        #expect(await host.send(.get, "/monitor/operation/list?owner=alice&state=running", headers: Self.boss).json?["total"]?.intValue == 1)
        #expect(await host.send(.get, "/monitor/operation/\(id)", headers: Self.boss).data?["owner"]?.stringValue == "alice")
        #expect(await host.send(.put, "/monitor/operation/cancel/\(id)", headers: Self.boss).status == 200)
        let ended = try await Self.waitFor(host, id, headers: Self.alice) { $0["state"]?.stringValue != "running" }
        #expect(ended["state"]?.stringValue == "cancelled")
        #expect(await host.send(.get, "/monitor/operation/list", headers: Self.alice).json?["total"]?.intValue == 1)
        #expect(await host.send(.get, "/monitor/operation/\(id)").status == 401)
        await host.shutdown()
    }

    @Test func listFiltersAreChecked() async throws {
        let host = try await MockHost.start([StopwatchPlugin.self])
        let bad = await host.send(.get, "/monitor/operation/list?state=sleeping", headers: Self.alice)
        #expect(bad.status == 400)
        #expect(bad.msg == "state: must be one of running, succeeded, failed, cancelled, interrupted")
        #expect(await host.send(.get, "/monitor/operation/list?pageSize=0", headers: Self.alice).status == 400)
        let badTicks = await host.send(.post, "/stopwatch/0", headers: Self.alice.merging(Self.async) { $1 })
        #expect(badTicks.status == 400, "a refused request starts no operation")
        #expect(await host.send(.get, "/monitor/operation/list", headers: Self.boss).json?["total"]?.intValue == 0)
        await host.shutdown()
    }
}
