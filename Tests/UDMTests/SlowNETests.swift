import Foundation
import OMCTesting
import PluginAPI
import Testing
import OMCTestSupport

/// A UDM that answers late: single changes give up after the short deadline with a message that
/// says which deadline and why, a healthy UDM is not slowed, and a change the NE did not answer is
/// settled from the NE's real state by the periodic job, in the operation log under the user who asked.
@Suite(.serialized) struct SlowNETests {
    static let configuration = configuration(singleMilliseconds: 4000, bulkSeconds: 6)

    /// A site whose single changes have `singleMilliseconds` and bulk changes `bulkSeconds`.
    static func configuration(singleMilliseconds: Int, bulkSeconds: Int) -> String {
        """
        server:
          neTimeoutMilliseconds: \(singleMilliseconds)
          neConnectionsPerNE: 2
        plugins:
          - id: ne
          - id: udm
            config: { batchMaxRecords: 5000, reconcileIntervalSeconds: 3600, neBulkTimeoutSeconds: \(bulkSeconds) }
          - id: operator-identity
        """
    }

    static let admin = ["Authorization": "Bearer admin-token"]

    /// Sends `count` single adds to UDM/`neID` at once, from IMSI `first` on; returns each answer
    /// with how long it took.
    static func adds(_ host: MockHost, neID: String, first: Int, count: Int) async -> [(MockResponse?, Duration)] {
        await withTaskGroup(of: (MockResponse?, Duration).self) { group in
            for offset in 0..<count {
                group.addTask {
                    let imsi = String(first + offset)
                    let started = ContinuousClock.now
                    let response = try? await host.send(.post, "/ne/udm/sub/\(neID)", json: UDMHarness.subscription(imsi: imsi, msisdn: "86" + imsi.suffix(11)),
                                                        headers: admin)
                    return (response, ContinuousClock.now - started)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func aSlowUDMHoldsNeitherItsOwnLaterRequestsNorAHealthyUDM() async throws {
        // A deadline long enough that a change held by the slow UDM (at least its deadline) and a change
        // merely slowed by the rest of the suite running beside it (seconds, on two loaded cores) differ.
        let configuration = Self.configuration(singleMilliseconds: 8000, bulkSeconds: 16)
        try await UDMHarness.run(configuration: configuration, plugins: [OperatorIdentity.self]) { harness async throws in
            let host = harness.host
            try await harness.simulator.fault("UDM/001", "delay", delayMs: 70_000)

            // More single changes than UDM/001 has connections, and changes to the healthy UDM/002 meanwhile.
            let slowStarted = ContinuousClock.now
            async let slow = Self.adds(host, neID: "001", first: 460_001_000_000_100, count: 5)
            try await Task.sleep(for: .milliseconds(200))
            let healthy = await Self.adds(host, neID: "002", first: 460_001_000_000_200, count: 6)
            let healthyEnded = ContinuousClock.now
            for (response, _) in healthy {
                #expect(response?.code == 200, "\(response?.text ?? "no answer")")
            }
            let slowAnswers = await slow
            // Had UDM/001's requests held these, they would have ended after its 8 s deadline, that is
            // after the slow changes: an order, not a duration, so that a loaded machine cannot fail it.
            #expect(slowAnswers.count == 5 && healthyEnded < slowStarted + (slowAnswers.map(\.1).min() ?? .zero),
                    "changes to the healthy UDM took \(healthy.map(\.1)), to the slow one \(slowAnswers.map(\.1))")
            for (response, elapsed) in slowAnswers {
                let text = response?.text ?? "no answer"
                #expect(response?.status == 504, "\(text)")
                #expect(response?.msg?.contains("NE UDM/001 (127.0.0.1:\(harness.simulator.port("UDM/001")))") == true, "\(text)")
                #expect(response?.msg?.contains("within 8000 ms") == true, "\(text)")
                // Waiting for a connection counts against the request's own deadline.
                #expect(elapsed < .milliseconds(8000 + 8000), "a change to the slow UDM took \(elapsed): \(text)")
            }

            // Two batches (bulk deadline 16 s) hold both connections: a single change sent 3 s after them
            // waits for one the whole of its own 8 s deadline, and says so. The 3 s leave the batches time
            // to reach their connections on two cores loaded by the rest of the suite; the batches hold
            // them until 16 s, after the single change has given up.
            let batches = (0..<2).map { index in
                Task {
                    try await host.send(.post, "/ne/udm/sub/001/3", json: UDMHarness.subscription(imsi: "46000100000\(index + 3)000", msisdn: "8613\(index + 3)0000000"),
                                        headers: Self.admin)
                }
            }
            try await Task.sleep(for: .seconds(3))
            let started = ContinuousClock.now
            let queued = try await host.send(.post, "/ne/udm/sub/001", json: UDMHarness.subscription(imsi: "460001000000999", msisdn: "8613000000999"),
                                             headers: Self.admin)
            let elapsed = ContinuousClock.now - started
            #expect(queued.status == 504, "\(queued.text)")
            #expect(queued.msg?.contains("could not be asked within 8000 ms: all 2 connections to it stayed busy with earlier requests") == true,
                    "\(queued.text)")
            #expect(elapsed < .milliseconds(8000 + 8000), "the queued change took \(elapsed)")
            for batch in batches { _ = try? await batch.value }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aChangeTheNEDidNotAnswerIsSettledByTheJobUnderTheUserWhoAsked() async throws {
        try await UDMHarness.run(configuration: Self.configuration, plugins: [OperatorIdentity.self]) { harness async throws in
            let host = harness.host
            let imsi = "460001000000301"
            let body = UDMHarness.subscription(imsi: imsi, msisdn: "8613000000301")
            try await harness.simulator.fault("UDM/001", "delay", delayMs: 5000)
            let late = try await host.send(.post, "/ne/udm/sub/001", json: body, headers: Self.admin)
            #expect(late.status == 504, "\(late.text)")
            #expect(late.msg?.contains("did not answer within 4000 ms") == true, "\(late.text)")
            #expect(late.msg?.contains("the OMC will ask the NE whether the change took effect") == true, "\(late.text)")
            // The NE may still be working on it: a new change of that IMSI is refused until it is settled.
            let early = try await host.send(.post, "/ne/udm/sub/001", json: body, headers: Self.admin)
            #expect(early.status == 409, "\(early.text)")
            #expect(early.msg?.hasPrefix("an earlier add of sub \(imsi) on NE 001 got no answer and is not settled yet") == true, "\(early.text)")
            // The same over MML, by another user.
            let mml = try await host.mml(["ADD AUTHDAT: IMSI=\(imsi), KI=0123456789abcdef0123456789abcdef, OPC=fedcba9876543210fedcba9876543210, AMF=8000, ALGOINDEX=1"],
                                         neType: "udm", neID: "001", headers: ["Authorization": "Bearer operator-token"])
            #expect(mml.data?[0]?["msg"]?.stringValue?.contains("did not answer within 4000 ms") == true, "\(mml.text)")
            let journaled = try await host.database.read { db in try db.query("SELECT subject, operation, user_name FROM udm_change ORDER BY created_at", []) }
            #expect(journaled.map { "\($0.string("subject") ?? "") \($0.string("operation") ?? "") \($0.string("user_name") ?? "")" }
                == ["sub add admin", "auth add operator"])
            try await harness.simulator.fault("UDM/001", "none")
            try await Task.sleep(for: .milliseconds(2500))  // the NE applies each add 5 s after it came
            #expect(try await harness.neRecords("sub")[imsi] != nil)
            #expect(try await harness.neRecords("auth")[imsi] != nil)

            await host.clock.advance(by: 3600)
            var settled = false
            for _ in 0..<100 where !settled {
                settled = await host.send(.get, "/ne/udm/sub/001/\(imsi)", headers: Self.admin).status == 200
                if !settled { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(settled, "the job did not bring the OMC's copy in line with the NE")
            #expect(await host.send(.get, "/ne/udm/auth/001/\(imsi)", headers: Self.admin).data?["ki"]?.stringValue == "0123456789abcdef0123456789abcdef")
            #expect(host.logs.contains { $0.message.contains("add of sub \(imsi) on NE 001") && $0.message.contains("asked by admin")
                && $0.message.contains("settled with the NE") && $0.metadata["user"] == "admin" })
            #expect(host.logs.contains { $0.message.contains("add of auth \(imsi) on NE 001") && $0.message.contains("asked by operator")
                && $0.metadata["user"] == "operator" })
            // The operation log has the settlements in the names of those who asked.
            let settlements = host.operations.filter { $0.method == "JOB" && $0.url.hasPrefix("udm_change ") }
            #expect(settlements.map { "\($0.title) by \($0.operatorName ?? "-")" }.sorted()
                == ["Settle the add of auth left unanswered by operator", "Settle the add of sub left unanswered by admin"], "\(settlements)")
            #expect(settlements.allSatisfy { $0.parameters.contains(imsi) && $0.businessType == .insert && $0.pluginID == "udm" })
            // The journal holds keys, never values: no secret reached it or the log.
            #expect(!host.logs.contains { $0.message.contains("0123456789abcdef0123456789abcdef") })
            #expect(try await host.database.read { db in try db.query("SELECT id FROM udm_change", []) }.isEmpty)
            // And the record can be removed again.
            #expect(await host.send(.delete, "/ne/udm/sub/001/\(imsi)", headers: Self.admin).code == 200)
            #expect(try await harness.neRecords("sub")[imsi] == nil)
        }
    }
}
