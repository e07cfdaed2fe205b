import Foundation
import OMCTestSupport
import PluginAPI
import Testing

/// Two processes: `omc-nesim` pushes alarms to a real `omc serve` with its push credential, in both of
/// the document's shapes; the OMC correlates raises and clears, fills in from the NE type's catalog,
/// and refuses what it must without keeping anything.
@Suite(.serialized) struct AlarmPushTests {
    static func omcAnswer(_ call: (status: Int, json: JSONValue)) -> JSONValue {
        call.json["data"]?["omcBody"] ?? .null
    }

    @Test func bothDocumentShapesBecomeOneAlarmModel() async throws {
        try await FaultSite.run(generate: "UDM:1") { site in
            let single = try await site.alarm("UDM/001", ["alarmCode": 10, "objectId": "UDM_001/disk", "perceivedSeverity": 3,
                                                          "alarmType": "EquipmentAlarm", "additionalText": "disk 91 % full"], shape: "single")
            #expect(single.status == 200, "\(single.json)")
            #expect(Self.omcAnswer(single)["data"]?["raised"]?.intValue == 1)
            let array = try await site.alarm("UDM/001", ["alarmCode": 11, "objectId": "UDM_001/link", "origSeverity": "Critical",
                                                         "alarmType": "CommunicationsAlarm"], shape: "array")
            #expect(array.status == 200, "\(array.json)")
            #expect(Self.omcAnswer(array)["data"]?["raised"]?.intValue == 1)

            let active = try await site.active("&sortField=sequence&sortOrder=asc")
            try #require(active.count == 2)
            #expect(active[0]["managedObject"]?.stringValue == "UDM_001/disk" && active[0]["alarmCode"]?.stringValue == "10")
            #expect(active[0]["perceivedSeverity"]?.stringValue == "minor" && active[0]["alarmType"]?.stringValue == "equipment")
            #expect(active[0]["additionalText"]?.stringValue == "disk 91 % full" && active[0]["sequence"]?.intValue == 1)
            #expect(active[0]["neType"]?.stringValue == "UDM" && active[0]["neId"]?.stringValue == "001" && active[0]["origin"]?.stringValue == "ne")
            #expect(active[1]["managedObject"]?.stringValue == "UDM_001/link" && active[1]["perceivedSeverity"]?.stringValue == "critical")
            #expect(active[1]["alarmType"]?.stringValue == "communications" && active[1]["sequence"]?.intValue == 2)
            #expect(active[1]["neAlarmId"]?.stringValue?.hasPrefix("UDM001-") == true)

            // A code of the UDM catalog needs neither title nor severity: the descriptor gives them and the repair advice.
            let credential = try #require(site.credentials["UDM/001"])
            let catalogued = try await site.push("udm", ["objectId": "UDM_001/db", "eventTime": .string(DocumentTime.format(Date())),
                                                         "alarmCode": "UDM-1001", "alarmStatus": 1, "alarmType": "EquipmentAlarm"],
                                                 authorization: "NE \(credential)")
            #expect(catalogued.status == 200, "\(catalogued.json)")
            let filled = try #require(try await site.active("&alarmCode=UDM-1001").first)
            #expect(filled["alarmTitle"]?.stringValue == "Subscriber database unreachable")
            #expect(filled["perceivedSeverity"]?.stringValue == "critical" && filled["repairAdvice"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func raisesRepeatedAreOneAlarmAndClearsMatchByObjectAndCode() async throws {
        try await FaultSite.run(generate: "UDM:1") { site in
            let fields: [String: JSONValue] = ["alarmCode": 20, "objectId": "UDM_001/nrf", "perceivedSeverity": 3]
            _ = try await site.alarm("UDM/001", fields, shape: "single")
            var worse = fields
            worse["perceivedSeverity"] = 1
            let again = try await site.alarm("UDM/001", worse, shape: "single")
            #expect(Self.omcAnswer(again)["data"]?["updated"]?.intValue == 1)
            let active = try await site.active()
            try #require(active.count == 1)
            #expect(active[0]["repeatCount"]?.intValue == 2 && active[0]["perceivedSeverity"]?.stringValue == "critical")
            let id = try #require(active[0]["id"]?.intValue)

            // The clear comes in the other shape: locationInfo names the same object.
            let clear = try await site.alarm("UDM/001", ["alarmCode": 20, "objectId": "UDM_001/nrf", "alarmStatus": 0], shape: "array")
            #expect(Self.omcAnswer(clear)["data"]?["cleared"]?.intValue == 1, "\(clear.json)")
            #expect(try await site.active().isEmpty)
            let detail = try await site.omcJSON("GET", "/fault/alarm/\(id)")["data"]
            #expect(detail?["alarm"]?["state"]?.stringValue == "cleared" && detail?["alarm"]?["clearReason"]?.stringValue == "cleared by the NE")
            #expect(detail?["history"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } == ["raise", "change", "clear"])

            // A clear of nothing active is kept in the history and counted.
            let orphan = try await site.alarm("UDM/001", ["alarmCode": 21, "objectId": "UDM_001/ausf", "alarmStatus": 0], shape: "single")
            #expect(Self.omcAnswer(orphan)["data"]?["unmatchedClears"]?.intValue == 1)
            let history = try await site.history()
            #expect(history.count == 2)
            #expect(history.contains { $0["alarmCode"]?.stringValue == "21" && $0["unmatchedClear"]?.boolValue == true })
            #expect(try await site.active().isEmpty)
        }
    }

    @Test func refusedPushesChangeNothing() async throws {
        try await FaultSite.run(generate: "UDM:2") { site in
            _ = try await site.alarm("UDM/001", ["alarmCode": 30, "objectId": "UDM_001/x", "perceivedSeverity": 2], shape: "single")
            let before = try await site.snapshot()
            let credential = try #require(site.credentials["UDM/001"])
            let now = DocumentTime.format(Date())
            let good: [String: JSONValue] = ["objectId": "UDM_001/y", "alarmTitle": "t", "eventTime": .string(now), "alarmCode": 31,
                                             "alarmType": "EquipmentAlarm", "perceivedSeverity": 2, "alarmStatus": 1]
            func with(_ changes: [String: JSONValue]) -> JSONValue { .object(good.merging(changes) { $1 }) }
            let cases: [(String, JSONValue, String?, Int, String)] = [
                ("no credential", with([:]), nil, 401, "an NE push must carry its push credential"),
                ("a wrong credential", with([:]), "NE omcne_forged", 401, "the NE push credential is not valid"),
                ("another NE's alarm", .array([with(["neType": "UDM", "neId": "002"])]), "NE \(credential)", 403, "is of NE UDM/002"),
                ("an empty array", .array([]), "NE \(credential)", 400, "body: must hold at least one alarm"),
                ("a string", "alarm", "NE \(credential)", 400, "body: must be an alarm object or an array of alarm objects"),
                ("a bad status", with(["alarmStatus": 7]), "NE \(credential)", 400, "alarmStatus: must be 1 (raised) or 0 (cleared)"),
                ("a future time", with(["eventTime": "2099-01-01 00:00:00"]), "NE \(credential)", 400, "the NE's clock is wrong"),
                ("an absurd time", with(["eventTime": "1970-01-01 00:00:00"]), "NE \(credential)", 400, "before 2000-01-01"),
                ("a malformed time", with(["eventTime": "yesterday"]), "NE \(credential)", 400, "eventTime: must be a time yyyy-MM-dd HH:mm:ss"),
                ("an unknown severity", with(["perceivedSeverity": 9]), "NE \(credential)", 400, "perceivedSeverity: must be 1 (critical)"),
                ("an unknown severity name", .array([with(["perceivedSeverity": nil, "origSeverity": "Fatal"])]), "NE \(credential)", 400,
                 "[0].origSeverity: must be Critical"),
                ("an unknown alarm type", with(["alarmType": "Weather"]), "NE \(credential)", 400, "alarmType: must be one of"),
                ("an uncatalogued code without title", with(["alarmTitle": nil]), "NE \(credential)", 400, "alarmTitle: is required"),
                ("one bad alarm among good ones", .array([with([:]), with(["alarmCode": nil])]), "NE \(credential)", 400, "[1].alarmCode: is required"),
            ]
            for (name, body, authorization, status, message) in cases {
                let answer = try await site.push("udm", body, authorization: authorization)
                #expect(answer.status == status, "\(name): \(answer.json)")
                #expect(answer.json["msg"]?.stringValue?.contains(message) == true, "\(name): \(answer.json)")
            }
            let notJSON = try await site.omc.request("POST", "/api/rest/faultManagement/v1/elementType/udm/objectType/alarms",
                                                     body: Data("{not json".utf8),
                                                     headers: ["Content-Type": "application/json", "Authorization": "NE \(credential)"])
            #expect(notJSON.status == 400)
            #expect(try await site.snapshot() == before)
        }
    }

    @Test func synchronisationRebuildsTheNEsActiveAlarms() async throws {
        try await FaultSite.run(generate: "UDM:1") { site in
            for (code, object) in [(40, "a"), (41, "b")] {
                let pushed = try await site.alarm("UDM/001", ["alarmCode": .number(Double(code)), "objectId": .string(object), "perceivedSeverity": 2])
                #expect(pushed.status == 200)
            }
            // Behind the OMC's back: the NE clears a and raises c.
            _ = try await site.alarm("UDM/001", ["alarmCode": 40, "objectId": "a", "alarmStatus": 0], push: false)
            _ = try await site.alarm("UDM/001", ["alarmCode": 42, "objectId": "c", "perceivedSeverity": 4], push: false)
            let sync = try await site.omcJSON("GET", "/api/rest/faultManagement/v1/elementType/udm/objectType/alarms?ne_id=001")
            #expect(sync["code"]?.intValue == 200, "\(sync)")
            #expect(sync["data"]?["raised"]?.intValue == 1 && sync["data"]?["cleared"]?.intValue == 1 && sync["data"]?["unchanged"]?.intValue == 1)
            let active = try await site.active()
            #expect(Set(active.compactMap { $0["managedObject"]?.stringValue }) == ["b", "c"])
            #expect(active.first { $0["managedObject"]?.stringValue == "c" }?["origin"]?.stringValue == "sync")
            let cleared = try #require(try await site.history().first)
            #expect(cleared["managedObject"]?.stringValue == "a" && cleared["clearReason"]?.stringValue == "cleared by synchronisation")

            // A second synchronisation finds nothing to change; an unknown NE is refused.
            let again = try await site.omcJSON("GET", "/api/rest/faultManagement/v1/elementType/udm/objectType/alarms?ne_id=001")
            #expect(again["data"]?["raised"]?.intValue == 0 && again["data"]?["cleared"]?.intValue == 0 && again["data"]?["unchanged"]?.intValue == 2)
            let unknown = try await site.omcJSON("GET", "/api/rest/faultManagement/v1/elementType/udm/objectType/alarms?ne_id=404")
            #expect(unknown["code"]?.intValue != 200 && unknown["msg"]?.stringValue == "NE UDM/404 is not registered")
        }
    }

    @Test func aStormOfArrayPushesIsKeptWhole() async throws {
        try await FaultSite.run(generate: "UDM:1") { site in
            let storm = try await site.control("POST", "/control/ne/UDM/001/storm", ["rate": 200, "seconds": 1, "batch": 50])
            #expect(storm.status == 200, "\(storm.json)")
            #expect(storm.json["data"]?["accepted"]?.intValue == 200 && storm.json["data"]?["failed"]?.intValue == 0)
            let counts = try await site.omcJSON("GET", "/fault/alarms/counts?neType=UDM")
            #expect(counts["data"]?["total"]?.intValue == 200, "\(counts)")
            // Over real HTTP, the live stream replays the storm from the start, as Server-Sent Events.
            let stream = try await site.omc.request("GET", "/fault/alarms/stream?since=0&limit=5&timeout=10")
            #expect(stream.status == 200 && stream.headers["content-type"]?.hasPrefix("text/event-stream") == true)
            let text = String(decoding: stream.body, as: UTF8.self)
            #expect(text.components(separatedBy: "event: alarm\n").count == 6, "\(text)")
            #expect(text.contains("id: 1\n") && text.contains("id: 5\n") && !text.contains("id: 6\n"))
        }
    }
}
