import Fault
import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Testing
import UDM

/// TS 28.532 notification subscriptions, posted to a consumer on loopback: the filter and types are
/// honoured, a failing consumer is retried with back-off without losing a notification, and one
/// failing too long is dropped.
@Suite struct SubscriptionTests {
    static let configuration = """
        plugins:
          - id: ne
          - id: udm
          - id: fault
            config:
              subscriptionRetrySeconds: 2
              subscriptionDropAfterSeconds: 60
        """

    @Test func notificationsReachTheConsumerAndAFailingOneIsRetriedThenDropped() async throws {
        let receiver = NotificationReceiver()
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self], configuration: Self.configuration).use { host async throws in
            let refused = try await host.send(.post, "/fault/subscriptions", json: ["consumerReference": "http://consumer.example:80/n"] as JSONValue)
            #expect(refused.status == 400 && refused.msg?.contains("not the host name") == true)
            let created = try await host.send(.post, "/fault/subscriptions", json: [
                "consumerReference": .string("http://127.0.0.1:\(port)/notify"), "filter": ["neId": "001"],
            ] as JSONValue)
            let id = try #require(created.data?["id"]?.intValue, "\(created.text)")

            await AlarmOperatorTests.report(host, "001", code: "KPI-1", severity: .major)
            await AlarmOperatorTests.report(host, "002", code: "KPI-2", severity: .major)
            await AlarmOperatorTests.report(host, "001", code: "KPI-1", .clear)
            await host.clock.advance(by: 1)
            var got = receiver.all
            #expect(got.compactMap { $0["notificationType"]?.stringValue } == ["notifyNewAlarm", "notifyClearedAlarm"], "\(got)")
            #expect(got.first?["objectInstance"]?.stringValue == "UDM=001,UDMFunction=1" && got.first?["perceivedSeverity"]?.stringValue == "MAJOR")
            #expect(got.last?["perceivedSeverity"]?.stringValue == "CLEARED")

            // The consumer fails: the change waits, is retried after the back-off, and arrives once.
            receiver.answer(503)
            await AlarmOperatorTests.report(host, "001", code: "KPI-3", severity: .minor)
            await host.clock.advance(by: 1)
            let failing = await host.send(.get, "/fault/subscriptions").data?[0]
            #expect(failing?["attempts"]?.intValue == 1 && failing?["lastError"]?.stringValue?.contains("503") == true, "\(failing ?? .null)")
            receiver.answer(204)
            await host.clock.advance(by: 1)
            #expect(receiver.all.count == 2, "not before the back-off of 2 s")
            await host.clock.advance(by: 2)
            got = receiver.all
            #expect(got.count == 3 && got.last?["alarmCode"]?.stringValue == "KPI-3")
            #expect(await host.send(.get, "/fault/subscriptions").data?[0]?["attempts"]?.intValue == 0)

            // Failing for longer than subscriptionDropAfterSeconds drops the subscription.
            receiver.answer(500)
            await AlarmOperatorTests.report(host, "001", code: "KPI-4")
            for _ in 0..<12 { await host.clock.advance(by: 10) }
            #expect(await host.send(.get, "/fault/subscriptions").data?.arrayValue?.isEmpty == true)
            #expect(host.logs.contains { $0.message.hasPrefix("alarm subscription \(id) dropped") })
            #expect(await host.send(.delete, "/fault/subscriptions/\(id)").status == 404)
        }
    }
}
