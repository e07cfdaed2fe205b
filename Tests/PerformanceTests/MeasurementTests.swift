import Foundation
import OMCTestSupport
import OMCTesting
import Performance
import PluginAPI
import Testing

/// KPI reports pushed by NEs: stored as time series, replaced by a repeated push, refused whole when
/// anything is wrong; queried at stored periods, hours and days, with derived KPIs, completeness and
/// gaps; rolled up and purged by the retention job.
@Suite(.serialized) struct MeasurementTests {
    typealias Bed = PerformanceTestBed

    @Test func storesEveryValueAndARepeatedPushReplacesThePeriod() async throws {
        try await Bed.run { bed in
            let credential = try await bed.credential("SMF/001")
            let start = bed.time(-3600)
            let first = try await bed.push(Bed.report(start: start, values: [
                "SMF.AttCreatePduSession": ["Total": 100], "SMF.SuccCreatePduSession": ["Total": 90],
                "SMF.MeanAllcAddr": ["1001": 2, "1002": 4],
            ]), credential: credential)
            #expect(first.code == 200 && first.data?["values"]?.intValue == 4 && first.data?["replaced"]?.intValue == 0, "\(first.text)")
            let again = try await bed.push(Bed.report(start: start, values: [
                "SMF.AttCreatePduSession": ["Total": 120], "SMF.SuccCreatePduSession": ["Total": 108],
            ]), credential: credential)
            #expect(again.data?["replaced"]?.intValue == 4, "\(again.text)")

            let range = "startTime=\(Bed.encoded(bed.time(-7200)))&endTime=\(Bed.encoded(bed.time(0)))"
            let answer = await bed.query("neIds=001&kpis=SMF.AttCreatePduSession,SMF.MeanAllcAddr,SMF.CreatePduSessionSuccRate&" + range)
            #expect(answer.code == 200, "\(answer.text)")
            #expect(Bed.points(answer, "SMF.AttCreatePduSession") == [start: 120], "\(answer.text)")
            #expect(Bed.points(answer, "SMF.MeanAllcAddr").isEmpty, "a value the repeated push lacks lingers")
            #expect(Bed.points(answer, "SMF.CreatePduSessionSuccRate") == [start: 90])

            let csv = await bed.host.send(.get, Bed.base + "/smf/objectType/kpi/export?type=csv&neIds=001&kpis=SMF.AttCreatePduSession,SMF.CreatePduSessionSuccRate&" + range)
            #expect(csv.status == 200 && csv.downloadFileName?.hasSuffix(".csv") == true, "\(csv.text)")
            #expect(csv.text.split(separator: "\r\n") == ["neId,kpiId,objectType,dimension,unit,time,granularity,value",
                                                          "001,SMF.AttCreatePduSession,SmfFunction,Total,count,\(start),15,120",
                                                          "001,SMF.CreatePduSessionSuccRate,,,%,\(start),15,90"], "\(csv.text)")
            let xlsx = await bed.host.send(.get, Bed.base + "/smf/objectType/kpi/export?type=xlsx&neIds=001&kpis=SMF.AttCreatePduSession&" + range)
            #expect(xlsx.status == 200 && xlsx.body.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(xlsx.status)")

            let latest = await bed.host.send(.get, Bed.base + "/smf/objectType/kpi/latest?neIds=001&kpis=SMF.AttCreatePduSession,SMF.CreatePduSessionSuccRate")
            let rows = latest.json?["rows"]?.arrayValue ?? []
            #expect(rows.map { $0["value"]?.numberValue ?? -1 } == [120, 90], "\(latest.text)")
        }
    }

    @Test func refusesAnyBrokenReportWholeAndStoresNothing() async throws {
        try await Bed.run { bed in
            let credential = try await bed.credential("SMF/001")
            let start = bed.time(-1800)
            let good: [String: [String: JSONValue]] = ["SMF.AttCreatePduSession": ["Total": 10]]
            #expect(try await bed.push(Bed.report(start: start, values: good), credential: nil).status == 401)
            #expect(try await bed.push(Bed.report(start: start, values: good), credential: "forged").status == 401)
            let otherType = try await bed.push(Bed.report(start: start, values: good), credential: credential, type: "amf")
            #expect(otherType.status == 403, "\(otherType.text)")
            let cases: [(JSONValue, String)] = [
                (Bed.report(start: start, values: ["SMF.AttCreatePduSession": ["Total": 10], "SMF.Nope": ["Total": 1]]),
                 "Datas: NE type SMF has no KPI SMF.Nope"),
                (Bed.report(start: start, values: ["SMF.CreatePduSessionSuccRate": ["Total": 99]]), "derived by the OMC, not measured"),
                (Bed.report(start: start, values: ["SMF.AttCreatePduSession": ["Total": "many"]]),
                 "Datas[0].KPIs[0].KPIValues[0].Value: must be a number"),
                (Bed.report(start: start, period: "7", values: good), "Period: '7' is not a period NE type SMF measures over"),
                (Bed.report(start: bed.time(86_400), values: good), "StartTime: \(bed.time(86_400)) is in the future"),
                (Bed.report(start: bed.time(-10 * 86_400), values: good), "is older than the measured periods the OMC keeps"),
                (Bed.report(start: "yesterday", values: good), "StartTime: 'yesterday' is not a time"),
                (["NeType": "SMF", "Datas": []], "Datas: must be a non-empty list"),
            ]
            for (body, message) in cases {
                let answer = try await bed.push(body, credential: credential)
                #expect(answer.status == 400 && answer.msg?.contains(message) == true, "\(message): \(answer.text)")
            }
            let stored = try await bed.host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM performance_point")?.int("n") }
            #expect(stored == 0, "a refused report stored points")
        }
    }

    @Test func queriesRollUpsDerivedKPIsAndGaps() async throws {
        try await Bed.run { bed in
            // A 15-minute task on SMF/001 that started three hours ago: 12 periods are due.
            let created = try await bed.host.send(.post, Bed.taskPath, json: Bed.task(["ne_ids": ["001"], "start_time": .string(bed.time(-3 * 3600))]))
            #expect(created.code == 200, "\(created.text)")
            let credential = try await bed.credential("SMF/001")
            var pushed: [String] = []
            for index in 0..<12 where index != 3 && index != 7 {
                let start = bed.time(Double(-3 * 3600 + index * 900))
                pushed.append(start)
                let answer = try await bed.push(Bed.report(start: start, values: [
                    "SMF.AttCreatePduSession": ["Total": 100], "SMF.SuccCreatePduSession": ["Total": index == 0 ? 50 : 90],
                ]), credential: credential)
                #expect(answer.code == 200, "\(answer.text)")
            }
            let range = "startTime=\(Bed.encoded(bed.time(-3 * 3600)))&endTime=\(Bed.encoded(bed.time(0)))"
            let kpis = "kpis=SMF.AttCreatePduSession,SMF.CreatePduSessionSuccRate"
            let stored = await bed.query("neIds=001&\(kpis)&" + range)
            #expect(Bed.points(stored, "SMF.AttCreatePduSession").count == 10, "\(stored.text)")
            #expect(Bed.points(stored, "SMF.CreatePduSessionSuccRate")[pushed[0]] == 50)
            let completeness = stored.data?["completeness"]?.arrayValue?.first { $0["kpiId"]?.stringValue == "SMF.AttCreatePduSession" }
            #expect(completeness?["expected"]?.intValue == 12 && completeness?["received"]?.intValue == 10, "\(String(describing: completeness))")
            #expect(completeness?["gaps"] == [.string(bed.time(-3 * 3600 + 3 * 900)), .string(bed.time(-3 * 3600 + 7 * 900))])

            let hourly = await bed.query("neIds=001&\(kpis)&granularity=hour&" + range)
            #expect(Bed.points(hourly, "SMF.AttCreatePduSession") == [bed.time(-3 * 3600): 300, bed.time(-2 * 3600): 300, bed.time(-3600): 400],
                    "\(hourly.text)")
            // The first hour: 50 + 90 + 90 successes of 300 attempts.
            let rate = Bed.points(hourly, "SMF.CreatePduSessionSuccRate")[bed.time(-3 * 3600)] ?? 0
            #expect(abs(rate - 230.0 / 3) < 0.001, "\(rate)")
            let daily = await bed.query("neIds=001&\(kpis)&granularity=day&" + range)
            #expect(Bed.points(daily, "SMF.AttCreatePduSession").values.reduce(0, +) == 1000, "\(daily.text)")

            let refused = await bed.query("neIds=001&kpis=SMF.Nope&startTime=\(Bed.encoded(bed.time(0)))&endTime=\(Bed.encoded(bed.time(-60)))")
            #expect(refused.status == 400 && refused.msg?.contains("kpis: NE type SMF has no KPI SMF.Nope") == true
                    && refused.msg?.contains("endTime:") == true, "\(refused.text)")
            // A year of 15-minute periods of four KPIs of two NEs: 280,000 points, over maximumQueryPoints.
            let all = "kpis=SMF.AttCreatePduSession,SMF.SuccCreatePduSession,SMF.MeanAllcAddr,SMF.CreatePduSessionSuccRate"
            let huge = await bed.query("neIds=001,002&\(all)&startTime=2026-01-01%2000%3A00%3A00&endTime=2026-12-31%2000%3A00%3A00")
            #expect(huge.status == 400 && huge.msg?.contains("granularity hour or day") == true, "\(huge.text)")
        }
    }

    @Test func theRetentionJobRollsUpThenPurgesMeasuredPeriods() async throws {
        try await Bed.run { bed in
            let credential = try await bed.credential("SMF/001")
            let from = bed.time(-3600)
            for index in 0..<4 {
                _ = try await bed.push(Bed.report(start: bed.time(Double(-3600 + index * 900)), values: [
                    "SMF.AttCreatePduSession": ["Total": .number(Double(10 * (index + 1)))],
                ]), credential: credential)
            }
            await bed.host.clock.advance(by: 3600)
            let rollups = try await bed.host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM performance_rollup")?.int("n") }
            #expect(rollups == 2, "one hourly and one daily roll-up")
            await bed.host.clock.advance(by: 3 * 86_400)
            let points = try await bed.host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM performance_point")?.int("n") }
            #expect(points == 0, "measured periods past rawRetentionDays were kept")
            let range = "startTime=\(Bed.encoded(from))&endTime=\(Bed.encoded(bed.time(0)))"
            let hourly = await bed.query("neIds=001&kpis=SMF.AttCreatePduSession&granularity=hour&" + range)
            #expect(Bed.points(hourly, "SMF.AttCreatePduSession") == [from: 100], "\(hourly.text)")
            let stored = await bed.query("neIds=001&kpis=SMF.AttCreatePduSession&" + range)
            #expect(Bed.points(stored, "SMF.AttCreatePduSession").isEmpty)
            await bed.host.clock.advance(by: 11 * 86_400)
            let hourlyLeft = try await bed.host.database.read { db in
                try db.first("SELECT COUNT(*) AS n FROM performance_rollup WHERE level = 60")?.int("n")
            }
            #expect(hourlyLeft == 0, "hourly roll-ups past hourlyRetentionDays were kept")
        }
    }
}
