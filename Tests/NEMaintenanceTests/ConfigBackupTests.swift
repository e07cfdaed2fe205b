import Foundation
import NEMaintenance
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// Configuration backup and restore against the simulator as a separate process: exports kept under
/// the document's names, restores only on confirmation with the NE's answer shown, refusals that change
/// nothing, diffs at section and parameter level, and the daily backup job with its retention.
@Suite(.serialized) struct ConfigBackupTests {
    static let cm = "/api/rest/systemManagement/v1/elementType/amf/objectType/cm"
    static let system = "/api/rest/systemManagement/v1/elementType/amf/objectType/config/system"

    static func logLevel(_ site: SimulatedSite, _ key: String) async throws -> String? {
        let body = try await site.askNEExpectingSuccess(key, "GET", system)
        return try JSONDecoder().decode(JSONValue.self, from: Data(body))["data"]?["logLevel"]?.stringValue
    }

    static func backups(_ site: SimulatedSite, _ id: String) async -> [JSONValue] {
        await site.send(.get, "\(cm)/list?ne_id=\(id)&pageSize=100").json?["rows"]?.arrayValue ?? []
    }

    @Test func backsUpComparesRestoresAndDeletes() async throws {
        try await MaintenanceSite.run(generate: "AMF:2") { site in
            let first = await site.send(.get, "\(Self.cm)?ne_id=001")
            #expect(first.status == 200, "\(first.text)")
            let firstName = try #require(first.downloadFileName)
            #expect(firstName.range(of: #"^amf-amf_001-etc-[0-9]{14}\.zip$"#, options: .regularExpression) != nil, "\(firstName)")
            #expect(first.body.starts(with: [0x50, 0x4B]))

            _ = try await site.askNEExpectingSuccess("AMF/001", "PUT", Self.system, body: #"{"logLevel": "debug", "maxConnections": 2000}"#)
            let second = await site.send(.get, "\(Self.cm)?ne_id=001")
            let secondName = try #require(second.downloadFileName)
            #expect(secondName != firstName)
            let listed = await Self.backups(site, "001")
            #expect(listed.count == 2 && listed.allSatisfy { $0["origin"]?.stringValue == "manual" })
            #expect(Set(listed.compactMap { $0["fileName"]?.stringValue }) == [firstName, secondName])

            let diff = await site.send(.get, "\(Self.cm)/diff?ne_id=001&from=\(firstName)&to=\(secondName)")
            #expect(diff.code == 200, "\(diff.text)")
            let changes = diff.data?["sections"]?.arrayValue ?? []
            #expect(changes.count == 1 && changes.first?["section"]?.stringValue == "system")
            let parameters = changes.first?["parameters"]?.arrayValue ?? []
            #expect(parameters.map { $0["name"]?.stringValue } == ["logLevel", "maxConnections"])
            #expect(parameters.first?["from"]?.stringValue == "info" && parameters.first?["to"]?.stringValue == "debug")

            // High risk: nothing happens without the confirmation.
            let unconfirmed = try await site.send(.post, "\(Self.cm)?ne_id=001", json: ["fileName": firstName])
            #expect(unconfirmed.status == 400 && unconfirmed.msg?.hasPrefix("confirm: restoring \(firstName) replaces") == true, "\(unconfirmed.text)")
            #expect(try await Self.logLevel(site, "AMF/001") == "debug")

            // Another NE's backup is not this NE's.
            let foreign = try await site.send(.post, "\(Self.cm)?ne_id=002", json: ["fileName": .string(firstName), "confirm": true] as JSONValue)
            #expect(foreign.status == 404)

            // A restore that cannot first keep what it replaces does not happen.
            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["backup"])
            let unsafe = try await site.send(.post, "\(Self.cm)?ne_id=001", json: ["fileName": .string(firstName), "confirm": true] as JSONValue)
            #expect(unsafe.status == 502 && unsafe.msg?.contains("could not be backed up, so nothing was restored") == true, "\(unsafe.text)")
            #expect(try await Self.logLevel(site, "AMF/001") == "debug")

            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["restore"])
            let refused = try await site.send(.post, "\(Self.cm)?ne_id=001", json: ["fileName": .string(firstName), "confirm": true] as JSONValue)
            #expect(refused.status == 502 && refused.msg?.contains("refused the restore of \(firstName): restore refused") == true, "\(refused.text)")
            #expect(try await Self.logLevel(site, "AMF/001") == "debug")

            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: [])
            let restored = try await site.send(.post, "\(Self.cm)?ne_id=001", json: ["fileName": .string(firstName), "confirm": true] as JSONValue)
            #expect(restored.code == 200, "\(restored.text)")
            #expect(restored.data?["neAnswer"]?["msg"]?.stringValue?.hasPrefix("configuration restored:") == true)
            #expect(try await Self.logLevel(site, "AMF/001") == "info")
            // What the restore replaced was kept: the debug level is in the safety backup.
            let safety = try #require(restored.data?["safetyBackup"]?.stringValue)
            let undo = await site.send(.get, "\(Self.cm)/diff?ne_id=001&from=\(firstName)&to=\(safety)")
            #expect(undo.data?["sections"]?[0]?["parameters"]?[0]?["to"]?.stringValue == "debug", "\(undo.text)")
            let origins = await Self.backups(site, "001").compactMap { $0["origin"]?.stringValue }
            #expect(origins.sorted() == ["manual", "manual", "restore", "restore"], "\(origins)")
            #expect(site.host.operations.contains { $0.title == "Restore a configuration backup to an NE" })

            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["backup"])
            let noExport = await site.send(.get, "\(Self.cm)?ne_id=001")
            #expect(noExport.status == 502 && noExport.msg?.contains("refused the configuration export") == true)
            #expect(await Self.backups(site, "001").count == 4)

            let console = try await site.host.mml(["LST CMBACKUP: NETYPE=AMF, NEID=001"], neType: "omc")
            #expect(console.data?[0]?["output"]?.stringValue?.contains(firstName) == true, "\(console.text)")

            let download = await site.send(.get, "\(Self.cm)/file?ne_id=001&fileName=\(firstName)")
            #expect(download.status == 200 && download.body == first.body)
            let deleted = try await site.send(.delete, "\(Self.cm)?ne_id=001", json: ["fileName": firstName])
            #expect(deleted.code == 200)
            #expect(await Self.backups(site, "001").count == 3)
            #expect(await site.send(.get, "\(Self.cm)/file?ne_id=001&fileName=\(firstName)").status == 404)
            let badName = await site.send(.get, "\(Self.cm)/file?ne_id=001&fileName=../../etc/passwd")
            #expect(badName.status == 400)
        }
    }

    @Test func backsUpEveryNEDailyAndKeepsTheRetention() async throws {
        let configuration = MaintenanceSite.configuration(extra: "      backupRetentionDays: 2\n      backupConcurrency: 1")
        try await SimulatedSite.run(plugins: MaintenanceSite.plugins, configuration: configuration, generate: "AMF:2") { site in
            await site.host.clock.advance(by: 86_400)
            let firstDay = await Self.backups(site, "001")
            #expect(firstDay.count == 1 && firstDay.first?["origin"]?.stringValue == "daily", "\(firstDay)")
            #expect(await Self.backups(site, "002").count == 1)
            let oldName = try #require(firstDay.first?["fileName"]?.stringValue)

            // One NE down: the other is still backed up, and the down NE keeps its newest backup.
            try await site.simulator.fault("AMF/002", "refuse")
            await site.host.clock.advance(by: 3 * 86_400)
            let later = await Self.backups(site, "001")
            #expect(!later.isEmpty && !later.contains { $0["fileName"]?.stringValue == oldName }, "\(later)")
            #expect(await Self.backups(site, "002").count == 1)
            let runs = await site.send(.get, "/monitor/operation/list?kind=nemaint.cm.dailyBackup").json?["rows"]?.arrayValue ?? []
            #expect(runs.contains { ($0["errorCount"]?.intValue ?? 0) > 0 && $0["errors"]?[0]?.stringValue?.contains("AMF/002") == true }, "\(runs)")
        }
    }
}
