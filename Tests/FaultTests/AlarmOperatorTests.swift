import Fault
import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Spreadsheet
import Testing
import UDM

/// The operator's side through the mock host: alarms raised and cleared by another plugin's
/// `AlarmReported`, listed, filtered, sorted, counted, acknowledged, commented, cleared by hand, and
/// purged after the retention period.
@Suite struct AlarmOperatorTests {
    static func host() async throws -> MockHost {
        try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self])
    }

    static func report(_ host: MockHost, _ id: String, code: String, object: String = "UDMFunction=1", severity: AlarmDefinition.Severity = .major,
                       _ transition: AlarmReported.Transition = .raise, text: String = "threshold crossed") async {
        await host.publish(AlarmReported(neType: "UDM", neID: id, managedObject: object, alarmCode: code, severity: severity,
                                         title: code.hasPrefix("UDM-") ? nil : "KPI \(code) crossed", text: text,
                                         transition: transition, time: host.clock.now(), source: "performance"))
    }

    static func rows(_ host: MockHost, _ path: String) async -> [JSONValue] {
        await host.send(.get, path).json?["rows"]?.arrayValue ?? []
    }

    @Test func pluginAlarmsAreCorrelatedListedFilteredAndCounted() async throws {
        try await Self.host().use { host async throws in
            await Self.report(host, "001", code: "UDM-1001", severity: .critical)
            await Self.report(host, "001", code: "KPI-7", severity: .minor, text: "AuthFailureRate 12 %")
            await Self.report(host, "002", code: "KPI-7", severity: .warning)
            await Self.report(host, "002", code: "KPI-7", severity: .warning)
            var active = await Self.rows(host, "/fault/alarms/active?sortField=severity&sortOrder=asc")
            #expect(active.compactMap { $0["perceivedSeverity"]?.stringValue } == ["critical", "minor", "warning"])
            #expect(active[0]["alarmTitle"]?.stringValue == "Subscriber database unreachable", "the UDM catalog names it")
            #expect(active[2]["repeatCount"]?.intValue == 2 && active[2]["origin"]?.stringValue == "plugin")
            #expect(await Self.rows(host, "/fault/alarms/active?neId=002").count == 1)
            #expect(await Self.rows(host, "/fault/alarms/active?severity=minor").first?["alarmCode"]?.stringValue == "KPI-7")
            #expect(await Self.rows(host, "/fault/alarms/active?text=authfailure").count == 1)
            let page = await host.send(.get, "/fault/alarms/active?pageSize=2&pageNum=2&sortField=id")
            #expect(page.json?["total"]?.intValue == 3 && page.json?["rows"]?.arrayValue?.count == 1)
            let refused = await host.send(.get, "/fault/alarms/active?severity=fatal&beginTime=soon")
            #expect(refused.status == 400 && refused.msg?.contains("severity") == true && refused.msg?.contains("beginTime") == true)

            let counts = await host.send(.get, "/fault/alarms/counts").data
            #expect(counts?["critical"]?.intValue == 1 && counts?["minor"]?.intValue == 1 && counts?["warning"]?.intValue == 1)
            #expect(counts?["total"]?.intValue == 3 && counts?["unacknowledged"]?.intValue == 3)

            await Self.report(host, "002", code: "KPI-7", severity: .warning, .clear)
            active = await Self.rows(host, "/fault/alarms/active")
            #expect(active.count == 2)
            let cleared = try #require(await Self.rows(host, "/fault/alarms/history").first)
            #expect(cleared["neId"]?.stringValue == "002" && cleared["clearReason"]?.stringValue == "cleared by performance")
        }
    }

    @Test func acknowledgeCommentAndClearByHandAreRecorded() async throws {
        try await Self.host().use { host async throws in
            await Self.report(host, "001", code: "KPI-1")
            await Self.report(host, "001", code: "KPI-2")
            let ids = await Self.rows(host, "/fault/alarms/active?sortField=id").compactMap { $0["id"]?.intValue }
            try #require(ids.count == 2)
            let acked = try await host.send(.post, "/fault/alarms/ack", json: ["ids": .array(ids.map { .number(Double($0)) })] as JSONValue)
            #expect(acked.data?["changed"]?.intValue == 2)
            #expect(try await host.send(.post, "/fault/alarms/ack", json: ["ids": [.number(Double(ids[0]))]] as JSONValue).data?["unchanged"]?.intValue == 1)
            #expect(await Self.rows(host, "/fault/alarms/active?acknowledged=true").count == 2)
            let unknown = try await host.send(.post, "/fault/alarms/unack", json: ["ids": [.number(Double(ids[0])), 999]] as JSONValue)
            #expect(unknown.status == 404 && unknown.msg == "alarm 999 does not exist; nothing was changed")
            #expect(await Self.rows(host, "/fault/alarms/active?acknowledged=true").count == 2, "a refused unack changes nothing")
            #expect(try await host.send(.post, "/fault/alarms/unack", json: ["ids": [.number(Double(ids[0]))]] as JSONValue).data?["changed"]?.intValue == 1)

            let commented = try await host.send(.post, "/fault/alarm/\(ids[1])/comment", json: ["text": "field team informed"] as JSONValue)
            #expect(commented.data?["comments"]?[0]?["text"]?.stringValue == "field team informed")
            let cleared = try await host.send(.post, "/fault/alarm/\(ids[1])/clear", json: ["reason": "fixed"] as JSONValue)
            #expect(cleared.data?["state"]?.stringValue == "cleared" && cleared.data?["clearReason"]?.stringValue?.hasSuffix(": fixed") == true)
            #expect(try await host.send(.post, "/fault/alarm/\(ids[1])/clear", json: [:] as JSONValue).status == 409)
            #expect(await host.send(.get, "/fault/alarm/424242").status == 404)

            let detail = await host.send(.get, "/fault/alarm/\(ids[1])").data
            #expect(detail?["history"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } == ["raise", "ack", "clear"])
            #expect(Set(host.operations.map(\.title)).isSuperset(of: ["Acknowledge alarms", "Take back the acknowledgement of alarms",
                                                                       "Comment on an alarm", "Clear an active alarm by hand"]))
        }
    }

    @Test func mmlListsAcknowledgesAndClearsAlarms() async throws {
        try await Self.host().use { host async throws in
            await Self.report(host, "001", code: "KPI-1", severity: .critical)
            await Self.report(host, "002", code: "KPI-2", severity: .minor)
            let listed = try await host.mml(["LST ALMAF: SEVERITY=critical", "LST ALMAF: NETYPE=udm, NEID=002"], neType: "omc")
            let critical = listed.data?[0]?["data"]?.arrayValue ?? []
            #expect(critical.count == 1 && critical[0]["Code"]?.stringValue == "KPI-1", "\(listed.text)")
            #expect(listed.data?[1]?["data"]?[0]?["NE"]?.stringValue == "UDM/002")
            #expect(listed.data?[0]?["output"]?.stringValue?.contains("(1 record)") == true)
            let id = try #require(critical.first?["ID"]?.stringValue)

            let acked = try await host.mml(["ACK ALM: ID=\(id)", "ACK ALM: ID=\(id)&99999", "LST ALMAF: ACK=YES"], neType: "omc")
            #expect(acked.data?[0]?["code"]?.intValue == 200 && acked.data?[0]?["data"]?["changed"]?.intValue == 1)
            #expect(acked.data?[1]?["code"]?.intValue == 404)
            #expect(acked.data?[2]?["data"]?.arrayValue?.count == 1)

            let unconfirmed = try await host.mml(["CLR ALM: ID=\(id)"], neType: "omc")
            #expect(unconfirmed.data?[0]?["code"]?.intValue != 200, "a high-risk command needs confirmation")
            #expect(await Self.rows(host, "/fault/alarms/active").count == 2)
            let cleared = try await host.mml(["CLR ALM: ID=\(id), REASON=\"board replaced\"", "LST ALMLOG"], neType: "omc", confirm: true)
            #expect(cleared.data?[0]?["code"]?.intValue == 200, "\(cleared.text)")
            #expect(cleared.data?[1]?["data"]?[0]?["ID"]?.stringValue == id)
            #expect(await Self.rows(host, "/fault/alarms/active").count == 1)
        }
    }

    @Test func filteredListsExportAsCSVAndXLSX() async throws {
        try await Self.host().use { host async throws in
            await Self.report(host, "001", code: "KPI-1", severity: .critical, text: "=HYPERLINK(\"http://evil\")")
            await Self.report(host, "002", code: "KPI-2", severity: .minor, text: "plain, with a comma")
            let csv = await host.send(.get, "/fault/alarms/export?type=csv")
            #expect(csv.status == 200 && csv.downloadFileName?.hasSuffix(".csv") == true, "\(csv.text)")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("id,neType,neId"))
            #expect(csv.text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "a formula is defused: \(csv.text)")
            #expect(csv.text.contains("\"plain, with a comma\""))
            let critical = await host.send(.get, "/fault/alarms/export?type=csv&severity=critical")
            #expect(critical.text.split(separator: "\r\n").count == 2)

            let xlsx = await host.send(.get, "/fault/alarms/export?type=xlsx&neId=002")
            #expect(xlsx.status == 200 && xlsx.downloadFileName?.hasSuffix(".xlsx") == true)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("alarms-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(xlsx.body).write(to: file)
            var rows: [[String]] = []
            try SpreadsheetReader(path: file.path).forEachRow { _, cells in rows.append(cells) }
            #expect(rows.count == 2 && rows[1][2] == "002" && rows[1][5] == "KPI-2")
            #expect(await host.send(.get, "/fault/alarms/export?type=pdf").status == 400)
            #expect(host.operations.contains { $0.title.hasPrefix("Export active or cleared alarms") })
        }
    }

    /// The `id:` and `event:` of every event of a Server-Sent Events body, with its data as JSON.
    static func events(_ body: String) -> [(id: Int, event: String, data: JSONValue)] {
        body.components(separatedBy: "\n\n").compactMap { block in
            var id: Int?, event: String?, data: JSONValue?
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = try? JSONDecoder().decode(JSONValue.self, from: Data(line.dropFirst(6).utf8)) }
            }
            guard let id, let event, let data else { return nil }
            return (id, event, data)
        }
    }

    @Test func theLiveStreamSendsChangesResumesAndTellsALaggingClientToResync() async throws {
        try await Self.host().use { host async throws in
            // Live: a console connected before the changes sees them as they happen.
            let live = Task { await host.send(.get, "/fault/alarms/stream?limit=3&timeout=20") }
            try await Task.sleep(for: .milliseconds(300))
            await Self.report(host, "001", code: "KPI-1", severity: .critical)
            await Self.report(host, "002", code: "KPI-2", severity: .minor)
            await Self.report(host, "001", code: "KPI-1", .clear)
            let seen = Self.events(await live.value.text)
            #expect(seen.map(\.event) == ["alarm", "alarm", "alarm"], "\(seen)")
            #expect(seen.map { $0.data["kind"]?.stringValue } == ["raise", "raise", "clear"])
            #expect(seen[0].data["alarm"]?["alarmCode"]?.stringValue == "KPI-1" && seen[2].data["alarm"]?["state"]?.stringValue == "cleared")

            // Resume after the first: the two after it, filtered by NE when asked.
            let resumed = Self.events(await host.send(.get, "/fault/alarms/stream?limit=2&timeout=5",
                                                       headers: ["Last-Event-ID": String(seen[0].id)]).text)
            #expect(resumed.map(\.id) == [seen[1].id, seen[2].id])
            let filtered = Self.events(await host.send(.get, "/fault/alarms/stream?since=0&neId=002&timeout=1").text)
            #expect(filtered.map(\.id) == [seen[1].id])
            #expect(await host.send(.get, "/fault/alarms/stream", headers: ["Last-Event-ID": "abc"]).status == 400)
            for hostile in ["%27%20OR%20%271%27%3D%271", "%25", "%E2%80%AE%00", "..%2F..%2Fetc"] {
                let answer = await host.send(.get, "/fault/alarms/stream?since=0&limit=1&timeout=1&neType=\(hostile)&neId=\(hostile)")
                #expect(answer.status == 200 || answer.status == 400, "\(hostile): \(answer.status)")
                #expect(Self.events(answer.text).isEmpty, "a hostile filter matches nothing")
            }
        }
        let lagging = "plugins:\n  - id: ne\n  - id: udm\n  - id: fault\n    config:\n      streamMaxLag: 10\n"
        try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self], configuration: lagging).use { host async throws in
            for index in 1...15 { await Self.report(host, "001", code: "KPI-\(index)") }
            let behind = Self.events(await host.send(.get, "/fault/alarms/stream?since=0&limit=1&timeout=5").text)
            #expect(behind.first?.event == "resync" && behind.first?.id == 15, "\(behind)")
            #expect(behind.first?.data["latest"]?.intValue == 15)
        }
    }

    @Test func theOMCRaisesAnAlarmWhileItsDataFolderIsLowOnSpace() async throws {
        // 99 % free is more than any test machine has: the check finds the disk low.
        let strict = "plugins:\n  - id: ne\n  - id: udm\n  - id: fault\n    config:\n      diskFreeMinimumPercent: 99\n"
        try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self], configuration: strict).use { host async throws in
            await host.clock.advance(by: 60)
            await host.clock.advance(by: 60)
            let active = await Self.rows(host, "/fault/alarms/active")
            #expect(active.count == 1, "raised once, not every minute")
            #expect(active.first?["alarmCode"]?.stringValue == "OMC-2001" && active.first?["neType"]?.stringValue == "OMC")
            #expect(active.first?["additionalText"]?.stringValue?.contains("% free") == true)
        }
        let lenient = "plugins:\n  - id: ne\n  - id: udm\n  - id: fault\n    config:\n      diskFreeMinimumPercent: 1\n"
        try await MockHost.start([NEManagementPlugin.self, UDMPlugin.self, FaultPlugin.self], configuration: lenient).use { host async throws in
            await host.clock.advance(by: 60)
            #expect(await Self.rows(host, "/fault/alarms/active").isEmpty, "1 % free is enough")
        }
    }

    @Test func clearedAlarmsArePurgedAfterTheRetentionPeriod() async throws {
        try await Self.host().use { host async throws in
            await Self.report(host, "001", code: "KPI-1")
            await Self.report(host, "001", code: "KPI-1", .clear)
            await Self.report(host, "001", code: "KPI-2")
            #expect(await Self.rows(host, "/fault/alarms/history").count == 1)
            await host.clock.advance(by: 89 * 86_400)
            #expect(await Self.rows(host, "/fault/alarms/history").count == 1, "kept within 90 days")
            await host.clock.advance(by: 2 * 86_400)
            #expect(await Self.rows(host, "/fault/alarms/history").isEmpty)
            #expect(await Self.rows(host, "/fault/alarms/active").count == 1, "an active alarm is never purged")
        }
    }
}
