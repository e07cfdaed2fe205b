import Foundation
import OMCTestSupport
import OMCTesting
import Performance
import PluginAPI
import Testing

/// The document's `measureReport`: the OMC asks the NEs of a task for their last period's report,
/// here answered by `omc-nesim`, and stores it like a push: once, replaced when asked again, refused
/// whole when the NE sends garbage.
@Suite(.serialized) struct MeasureReportTests {
    typealias Bed = PerformanceTestBed

    @Test func storesEachNEsReportReplacesItWhenAskedAgainAndRefusesGarbage() async throws {
        try await Bed.run { bed in
            let created = try await bed.host.send(.post, Bed.taskPath + "?id=7", json: Bed.task())
            #expect(created.code == 200, "\(created.text)")
            try await bed.measurementSwitches("SMF/002", ["garbage": true])
            let path = Bed.base + "/smf/objectType/measureReport"
            let first = try await bed.host.send(.post, path, json: ["id": 7, "NeType": "SMF"] as JSONValue)
            #expect(first.code == 200, "\(first.text)")
            let outcomes = first.data?.arrayValue ?? []
            #expect(outcomes.map { $0["state"]?.stringValue ?? "" } == ["stored", "refused"], "\(first.text)")
            #expect(outcomes.first?["values"]?.intValue == 2 && outcomes.first?["replaced"]?.intValue == 0)
            #expect(outcomes.last?["reason"]?.stringValue?.contains("NE SMF/002 sent a report the OMC refused") == true)

            let again = try await bed.host.send(.post, path, json: ["id": 7] as JSONValue)
            #expect(again.data?[0]?["replaced"]?.intValue == 2 && again.data?[1]?["state"]?.stringValue == "stored", "\(again.text)")
            let points = try await bed.host.database.read { db in
                try db.first("SELECT COUNT(*) AS n FROM performance_point")?.int("n")
            }
            #expect(points == 4, "two NEs, two KPIs, one period each")
            let range = "startTime=\(Bed.encoded(bed.time(-7200)))&endTime=\(Bed.encoded(bed.time(7200)))"
            let answer = await bed.host.send(.get, Bed.base + "/smf/objectType/kpi?neIds=001,002&kpis=SMF.CreatePduSessionSuccRate&" + range)
            let rates = (answer.data?["series"]?.arrayValue ?? []).compactMap { $0["points"]?[0]?["value"]?.numberValue }
            #expect(rates.count == 2 && rates.allSatisfy { $0 > 90 && $0 < 100 }, "\(answer.text)")

            let metrics = await bed.host.send(.get, "/api/rest/performanceManagement/v1/kpi/metrics")
            #expect(metrics.status == 200 && metrics.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = metrics.text.split(separator: "\n").filter { $0.hasPrefix("omc_kpi_value{") }
            #expect(lines.count == 4, "\(metrics.text)")
            #expect(lines.contains { $0.hasPrefix(#"omc_kpi_value{ne_type="SMF",ne_id="001",kpi="SMF.AttCreatePduSession",object_type="SMFFunction",dimension="Total",granularity_minutes="15"} "#) },
                    "\(metrics.text)")

            try await bed.measurementSwitches("SMF/001", ["skipPeriods": 1])
            let skipped = try await bed.host.send(.post, path, json: ["id": 7] as JSONValue)
            #expect(skipped.data?[0]?["state"]?.stringValue == "refused"
                    && skipped.data?[0]?["reason"]?.stringValue?.contains("was not measured") == true, "\(skipped.text)")
            #expect(try await bed.host.send(.post, path, json: ["id": 99] as JSONValue).status == 404)
            #expect(try await bed.host.send(.post, path, json: ["id": 7, "NeType": "AMF"] as JSONValue).status == 400)
        }
    }
}
