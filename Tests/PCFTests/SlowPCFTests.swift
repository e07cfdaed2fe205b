import Foundation
import OMCTesting
import PluginAPI
import Testing
import OMCTestSupport

/// A PCF that answers late: a single change gives up after the short deadline (not the bulk one),
/// saying so, while the other PCF answers as usual.
@Suite(.serialized) struct SlowPCFTests {
    @Test(.timeLimit(.minutes(2)))
    func aSingleChangeToASlowPCFFailsAfterTheShortDeadline() async throws {
        try await PCFHarness.run() { pcf async throws in
            let base = PCFHarness.base
            try await pcf.simulator.fault("PCF/001", "delay", delayMs: 20_000)
            let started = ContinuousClock.now
            let host = pcf.host
            let slowAdd = Task {
                let response = try await host.send(.post, base + "?neId=001", json: PCFHarness.policy(imsi: "460990100000071", msisdn: "86755900071"))
                return (response, ContinuousClock.now)
            }
            try await Task.sleep(for: .milliseconds(200))
            let healthy = try await host.send(.post, base + "?neId=002", json: PCFHarness.policy(imsi: "460990100000072", msisdn: "86755900072"))
            let healthyEnded = ContinuousClock.now
            #expect(healthy.code == 200, "\(healthy.text)")
            let (slow, slowEnded) = try await slowAdd.value
            let elapsed = slowEnded - started
            // Had the slow PCF held the healthy one, its change would have ended after the slow
            // change's 5 s deadline; an order, not a duration, so that a loaded machine cannot fail it.
            #expect(healthyEnded < slowEnded, "the healthy PCF was slowed: it answered \(healthyEnded - started) after the start, the slow one \(elapsed)")
            #expect(slow.status == 504, "\(slow.text)")
            #expect(slow.msg?.hasPrefix("NE PCF/001 (127.0.0.1:\(pcf.simulator.port("PCF/001"))) did not answer within 5000 ms") == true, "\(slow.text)")
            // Generous margin for a loaded machine, far below the NE's 20 s and the 300 s bulk deadline.
            #expect(elapsed < .seconds(5 + 8), "the change took \(elapsed)")
        }
    }
}
