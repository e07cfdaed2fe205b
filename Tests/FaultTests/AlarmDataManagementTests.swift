import Fault
import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import System
import Testing
import UDM

/// The document's `GET /api/rest/dataManagement/v1/omc_db/alarm?SQL=…` reads the Fault plugin's
/// alarms through the System plugin's grammar: a statement over the exposed columns is answered,
/// anything else is refused and changes nothing.
@Suite struct AlarmDataManagementTests {
    static let base = "/api/rest/dataManagement/v1/omc_db/alarm"

    func query(_ host: MockHost, _ statement: String) async -> MockResponse {
        await host.send(.get, Self.base + "?SQL=" + (statement.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? statement))
    }

    @Test func theDocumentsAlarmQueryReadsThroughTheGrammar() async throws {
        try await MockHost.run([NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self, SystemPlugin.self]) { host in
            await AlarmOperatorTests.report(host, "001", code: "UDM-1001", severity: .critical)
            await AlarmOperatorTests.report(host, "002", code: "KPI-7", severity: .warning)
            await AlarmOperatorTests.report(host, "002", code: "KPI-7", severity: .warning, .clear)

            let critical = await query(host, "SELECT ne_id, alarm_code, state FROM alarm WHERE severity = 'critical' AND acknowledged = 0")
            #expect(critical.status == 200, "\(critical.text)")
            let rows = critical.json?["data"]?[0]?["alarm"]?.arrayValue ?? []
            #expect(rows.map { "\($0["ne_id"]?.stringValue ?? "") \($0["alarm_code"]?.stringValue ?? "") \($0["state"]?.stringValue ?? "")" }
                == ["001 UDM-1001 active"])
            #expect(rows.first?["severity"] == nil, "only the selected columns")

            let cleared = await query(host, "SELECT id, clear_reason FROM alarm WHERE ne_id IN ('002') AND state = 'cleared'")
            #expect(cleared.json?["data"]?[0]?["alarm"]?[0]?["clear_reason"]?.stringValue == "cleared by performance", "\(cleared.text)")

            for hostile in ["SELECT * FROM alarm; DELETE FROM fault_alarm", "SELECT * FROM fault_alarm",
                            "SELECT * FROM alarm WHERE 1 = 1 UNION SELECT * FROM security_user", "SELECT secret FROM alarm"] {
                let refused = await query(host, hostile)
                #expect(refused.status == 400 && refused.msg?.hasPrefix("SQL") == true, "\(hostile): \(refused.text)")
            }
            #expect(await AlarmOperatorTests.rows(host, "/fault/alarms/active").count == 1)
            #expect(await AlarmOperatorTests.rows(host, "/fault/alarms/history").count == 1)
        }
    }
}
