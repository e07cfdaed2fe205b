import Fault
import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing
import UDM

/// Two processes: the NE management plugin's polling sees a simulated NE stop answering, and the
/// fault plugin raises "NE communication lost"; when the NE answers again the alarm is cleared.
@Suite struct NECommunicationAlarmTests {
    @Test func anNEThatStopsAnsweringRaisesAnAlarmClearedWhenItIsBack() async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self], generate: "UDM:2") { site in
            await site.host.clock.advance(by: 30)
            #expect(await site.host.send(.get, "/fault/alarms/active").json?["total"]?.intValue == 0, "online NEs raise nothing")
            try await site.simulator.fault("UDM/002", "refuse")
            await site.host.clock.advance(by: 30)
            let active = await site.host.send(.get, "/fault/alarms/active").json?["rows"]?.arrayValue ?? []
            try #require(active.count == 1)
            #expect(active[0]["neId"]?.stringValue == "002" && active[0]["alarmCode"]?.stringValue == "OMC-1001")
            #expect(active[0]["alarmTitle"]?.stringValue == "NE communication lost" && active[0]["perceivedSeverity"]?.stringValue == "critical")
            #expect(active[0]["origin"]?.stringValue == "omc" && active[0]["additionalText"]?.stringValue?.contains("refused") == true)
            try await site.simulator.fault("UDM/002", "none")
            await site.host.clock.advance(by: 30)
            #expect(await site.host.send(.get, "/fault/alarms/active").json?["total"]?.intValue == 0)
            let cleared = await site.host.send(.get, "/fault/alarms/history").json?["rows"]?[0]
            #expect(cleared?["alarmCode"]?.stringValue == "OMC-1001" && cleared?["clearReason"]?.stringValue == "cleared by the OMC: the NE answers again")
        }
    }
}
