import Foundation
import OMCTestSupport
import OMCTesting
import Performance
import PluginAPI
import Testing

/// Threshold rules on KPIs (TS 28.550): pushed periods that cross a level raise an alarm event,
/// moving to another level raises it at the new severity, coming back past the hysteresis clears it;
/// removing the rule clears what it raised; broken rules are refused naming every field.
@Suite(.serialized) struct ThresholdTests {
    typealias Bed = PerformanceTestBed
    static let path = Bed.base + "/smf/objectType/threshold"

    @Test func raisesChangesSeverityAndClearsWithHysteresis() async throws {
        try await Bed.run { bed in
            let rule = try await bed.host.send(.post, Self.path, json: [
                "kpi": "SMF.CreatePduSessionSuccRate", "ne_ids": ["001"], "direction": "down", "alarm_code": "PM-1001",
                "levels": [["severity": "Minor", "value": 90, "hysteresis": 5], ["severity": "Major", "value": 80, "hysteresis": 5]],
            ] as JSONValue)
            #expect(rule.code == 200 && rule.data?["levels"]?[0]?["severity"]?.stringValue == "Major", "\(rule.text)")
            let credential = try await bed.credential("SMF/001")
            let rates: [Double] = [95, 88, 75, 83, 87, 93, 97]
            for (index, rate) in rates.enumerated() {
                let start = bed.time(Double(-4 * 3600 + index * 900))
                let answer = try await bed.push(Bed.report(start: start, values: [
                    "SMF.AttCreatePduSession": ["Total": 100], "SMF.SuccCreatePduSession": ["Total": .number(rate)],
                ]), credential: credential)
                #expect(answer.code == 200, "\(answer.text)")
            }
            let events = bed.host.events(of: AlarmReported.self)
            #expect(events.map { "\($0.transition.rawValue) \($0.severity.rawValue)" } == ["raise Minor", "raise Major", "raise Minor", "clear Minor"],
                    "\(events.map(\.text))")
            #expect(events.allSatisfy { $0.neType == "SMF" && $0.neID == "001" && $0.alarmCode == "PM-1001"
                && $0.managedObject == "KPI=SMF.CreatePduSessionSuccRate" && $0.source == "performance" })
            #expect(events.first?.text.contains("SMF.CreatePduSessionSuccRate is 88.0, below the Minor level 90.0") == true, "\(events.first?.text ?? "")")

            // Raised again, then the rule is removed: its alarm is cleared.
            _ = try await bed.push(Bed.report(start: bed.time(-3600), values: [
                "SMF.AttCreatePduSession": ["Total": 100], "SMF.SuccCreatePduSession": ["Total": 50],
            ]), credential: credential)
            let listed = await bed.host.send(.get, Self.path)
            #expect(listed.json?["rows"]?[0]?["raised"] == [["neId": "001", "severity": "Major"]], "\(listed.text)")
            let id = try #require(rule.data?["id"]?.intValue)
            #expect(await bed.host.send(.delete, Self.path + "?id=\(id)").code == 200)
            let last = bed.host.events(of: AlarmReported.self).last
            #expect(last?.transition == .clear && last?.severity == .major)
            #expect(await bed.host.send(.get, Self.path).json?["total"]?.intValue == 0)
        }
    }

    @Test func refusesBrokenRulesNamingEveryField() async throws {
        try await Bed.run { bed in
            let answer = try await bed.host.send(.post, Self.path, json: [
                "kpi": "SMF.Nope", "ne_ids": ["009"], "direction": "up",
                "levels": [["severity": "Major", "value": 80], ["severity": "Minor", "value": 90]],
            ] as JSONValue)
            let message = answer.msg ?? ""
            #expect(answer.status == 400, "\(answer.text)")
            #expect(message.contains("kpi: NE type SMF has no usable KPI 'SMF.Nope'") && message.contains("ne_ids: no SMF NE is registered as 009")
                    && message.contains("for direction up, Major (80.0) must be above Minor (90.0)"), "\(message)")
            #expect(await bed.host.send(.get, Self.path).json?["total"]?.intValue == 0)
        }
    }
}
