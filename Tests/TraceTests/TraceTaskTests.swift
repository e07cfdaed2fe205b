import Foundation
import OMCTesting
import PluginAPI
import Testing
import OMCTestSupport

/// Trace tasks through the host, with the simulator as the NE: validation, the schedule carried out
/// on the manual clock, state in list and detail, change and delete.
@Suite(.serialized) struct TraceTaskTests {
    static let path = "/api/rest/traceManagement/v1/subscriptions"

    @Test func refusesEveryBrokenRuleNamingTheField() async throws {
        try await TraceTestBed.run() { bed async throws in
            let cases: [([String: JSONValue], Int, String)] = [
                (["endTime": .string(bed.time(30))], 400, "endTime: \(bed.time(30)) must be after startTime \(bed.time(60))"),
                (["startTime": .string(bed.time(-600)), "endTime": .string(bed.time(-60))], 400, "endTime: \(bed.time(-60)) has already passed"),
                (["startTime": "2027-02-30 10:00:00"], 400, "startTime: '2027-02-30 10:00:00' is not a time like 2023-07-04 13:00:00"),
                (["endTime": "tomorrow"], 400, "endTime: 'tomorrow' is not a time"),
                (["interfaces": ["N8", "N99"]], 400, "interfaces: NE type AMF has no traceable interface 'N99'; it has N1, N2, N8, N11, N12"),
                (["interfaces": ["n8", "N8"]], 400, "interfaces: N8 is given twice"),
                (["interfaces": []], 400, "interfaces: name at least one of N1, N2, N8, N11, N12"),
                (["neType": "SMF"], 400, "interfaces: NE type SMF declares no traceable interfaces"),
                (["neType": "XYZ"], 400, "neType: no enabled plugin provides NE type 'XYZ'"),
                (["neId": "009"], 404, "NE AMF/009 is not registered"),
                (["traceType": "UE"], 400, "traceType: 'UE' is not supported; use Interface"),
                (["srcIp": "10.0.0.9"], 400, "signalPort: is required with srcIp"),
                (["srcIp": "10.0.0.300", "signalPort": 3030], 400, "srcIp: '10.0.0.300' is not an IPv4 or IPv6 address"),
                (["srcIp": "10.0.0.3", "signalPort": 70000], 400, "signalPort: 70000 is not a port from 1 to 65535"),
                (["id": 4], 400, "id: is given by the OMC; send it only to PUT"),
                (["endTime": .string(bed.time(60 + 31 * 86_400))], 400, "endTime: a task may run at most 30 days"),
            ]
            for (fields, status, message) in cases {
                let response = try await bed.createTask(fields)
                #expect(response.status == status, "\(fields): \(response.text)")
                #expect(response.msg?.hasPrefix(message) == true, "\(fields): \(response.msg ?? response.text)")
            }
            let missing = try await bed.host.send(.post, Self.path, json: ["traceType": "Interface"] as JSONValue)
            #expect(missing.status == 400 && missing.msg?.contains("startTime") == true, "\(missing.text)")
            #expect(await bed.host.send(.get, Self.path).json?["total"]?.intValue == 0, "a refused task was stored")
        }
    }

    @Test func activatesAtStartAndDeactivatesAtEndOnTheManualClock() async throws {
        try await TraceTestBed.run() { bed async throws in
            let created = try await bed.createTask(["srcIp": "192.168.2.199", "signalPort": 3030, "interfaces": ["n11", "N8"]])
            #expect(created.code == 200, "\(created.text)")
            let id = try #require(created.data?["id"]?.intValue)
            #expect(created.data?["state"]?.stringValue == "scheduled")
            #expect(created.data?["interfaces"] == ["N11", "N8"])
            #expect(try await bed.activeTasks(on: "AMF/001").isEmpty)

            await bed.host.clock.advance(by: 30)
            #expect(await bed.task(id)?["state"]?.stringValue == "scheduled", "activated before its start")
            await bed.host.clock.advance(by: 30)
            let running = await bed.task(id)
            #expect(running?["state"]?.stringValue == "running", "\(String(describing: running))")
            #expect(running?["activatedAt"]?.stringValue == bed.time(0))
            #expect(try await bed.activeTasks(on: "AMF/001") == [id])

            await bed.host.clock.advance(by: 120)
            let finished = await bed.task(id)
            #expect(finished?["state"]?.stringValue == "finished", "\(String(describing: finished))")
            #expect(finished?["finishedAt"]?.stringValue == bed.time(0))
            #expect(try await bed.activeTasks(on: "AMF/001").isEmpty)

            let list = await bed.host.send(.get, Self.path + "?state=finished&neType=amf")
            #expect(list.json?["total"]?.intValue == 1 && list.json?["rows"]?[0]?["id"]?.intValue == id)
        }
    }

    @Test func anUnreachableNEKeepsTheTaskScheduledWithTheReasonThenItRuns() async throws {
        try await TraceTestBed.run() { bed async throws in
            let id = try #require(try await bed.createTask(["startTime": .string(bed.time(10))]).data?["id"]?.intValue)
            try await bed.simulator.fault("AMF/001", "refuse")
            await bed.host.clock.advance(by: 10)
            let waiting = await bed.task(id)
            #expect(waiting?["state"]?.stringValue == "scheduled")
            #expect(waiting?["reason"]?.stringValue?.contains("refused the connection") == true, "\(String(describing: waiting))")
            try await bed.simulator.fault("AMF/001", "none")
            await bed.host.clock.advance(by: 5)
            #expect(await bed.task(id)?["state"]?.stringValue == "running")
            #expect(await bed.task(id)?["reason"] == nil, "the reason of the late start stayed")
        }
    }

    @Test func aTaskWhoseWindowPassedWhileTheOMCWasDownFailsAndALateOneStillRuns() async throws {
        try await TraceTestBed.run() { bed async throws in
            let missed = try #require(try await bed.createTask(["startTime": .string(bed.time(10)), "endTime": .string(bed.time(20))]).data?["id"]?.intValue)
            let late = try #require(try await bed.createTask(["startTime": .string(bed.time(10)), "endTime": .string(bed.time(600))]).data?["id"]?.intValue)
            // One jump over both start times: what the first run after a restart sees.
            await bed.host.clock.advance(by: 30)
            let failed = await bed.task(missed)
            #expect(failed?["state"]?.stringValue == "failed")
            #expect(failed?["reason"]?.stringValue == "never activated: the OMC was not running between its start and end time")
            #expect(await bed.task(late)?["state"]?.stringValue == "running")
            #expect(try await bed.activeTasks(on: "AMF/001") == [late])
            let failedList = await bed.host.send(.get, Self.path + "?state=failed")
            #expect(failedList.json?["total"]?.intValue == 1)
        }
    }

    @Test func changesScheduledTasksOnlyAndDeletesStoppingRunningOnes() async throws {
        try await TraceTestBed.run() { bed async throws in
            let first = try #require(try await bed.createTask([:]).data?["id"]?.intValue)
            let second = try #require(try await bed.createTask(["startTime": .string(bed.time(600)), "endTime": .string(bed.time(900))]).data?["id"]?.intValue)

            let changed = try await bed.host.send(.put, Self.path, json: [
                "id": .number(Double(first)), "traceType": "Interface", "startTime": .string(bed.time(30)), "endTime": .string(bed.time(300)),
                "neType": "AMF", "neId": "001", "srcIp": "192.168.2.199", "signalPort": 3030, "interfaces": ["N8", "N10"],
            ] as JSONValue)
            #expect(changed.msg == "interfaces: NE type AMF has no traceable interface 'N10'; it has N1, N2, N8, N11, N12")
            let valid: JSONValue = [
                "id": .number(Double(first)), "traceType": "Interface", "startTime": .string(bed.time(30)), "endTime": .string(bed.time(300)),
                "neType": "AMF", "neId": "001", "srcIp": "192.168.2.199", "signalPort": 3030, "interfaces": ["N8", "N12"],
            ]
            let updated = try await bed.host.send(.put, Self.path, json: valid)
            #expect(updated.code == 200, "\(updated.text)")
            #expect(updated.data?["interfaces"] == ["N8", "N12"] && updated.data?["signalPort"]?.intValue == 3030)
            #expect(updated.data?["startTime"]?.stringValue == bed.time(30))
            var unknown = valid
            if case .object(var fields) = valid { fields["id"] = 999; unknown = .object(fields) }
            #expect(try await bed.host.send(.put, Self.path, json: unknown).msg == "trace task 999 does not exist")

            await bed.host.clock.advance(by: 30)
            #expect(await bed.task(first)?["state"]?.stringValue == "running")
            let busy = try await bed.host.send(.put, Self.path, json: valid)
            #expect(busy.status == 409 && busy.msg?.hasPrefix("trace task \(first) is running") == true, "\(busy.text)")

            #expect(await bed.host.send(.delete, Self.path + "?id=\(first),999").msg == "trace task 999 does not exist; nothing was deleted")
            #expect(await bed.host.send(.delete, Self.path + "?id=abc").msg == "id: 'abc' is not a task number")
            #expect(await bed.host.send(.delete, Self.path).status == 400)
            #expect(await bed.host.send(.get, Self.path).json?["total"]?.intValue == 2, "a refused delete removed something")

            try await bed.simulator.fault("AMF/001", "refuse")
            let partial = await bed.host.send(.delete, Self.path + "?id=\(first)&id=\(second)")
            #expect(partial.status == 502, "\(partial.text)")
            #expect(partial.msg?.hasPrefix("deleted 1 of 2 trace tasks; kept, still running: task \(first): NE AMF/001 (127.0.0.1:") == true,
                    "\(partial.msg ?? partial.text)")
            #expect(await bed.task(first)?["state"]?.stringValue == "running")
            #expect(await bed.task(second) == nil, "the scheduled task was kept")
            try await bed.simulator.fault("AMF/001", "none")
            let deleted = await bed.host.send(.delete, Self.path + "?id=\(first)")
            #expect(deleted.code == 200, "\(deleted.text)")
            #expect(try await bed.activeTasks(on: "AMF/001").isEmpty, "the running task was not stopped on the NE")
            #expect(await bed.host.send(.get, Self.path).json?["total"]?.intValue == 0)
            #expect(await bed.host.send(.get, Self.path + "/\(first)").status == 404)
            #expect(bed.host.operations.map(\.title).contains("Delete trace tasks (?id=1,2), stopping running ones"))
        }
    }

    @Test func listsPagedAndSortedWithValidatedFilters() async throws {
        try await TraceTestBed.run() { bed async throws in
            for offset in 0..<5 {
                #expect(try await bed.createTask(["startTime": .string(bed.time(Double(100 + offset * 10)))]).code == 200)
            }
            let page = await bed.host.send(.get, Self.path + "?pageNum=2&pageSize=2&sortField=startTime&sortOrder=desc")
            #expect(page.json?["total"]?.intValue == 5)
            #expect(page.json?["rows"]?.arrayValue?.compactMap { $0["startTime"]?.stringValue } == [bed.time(120), bed.time(110)])
            #expect(await bed.host.send(.get, Self.path + "?state=sleeping").msg == "state: must be one of scheduled, running, finished, failed")
            #expect(await bed.host.send(.get, Self.path + "?sortField=imsi").status == 400)
            #expect(await bed.host.send(.get, Self.path + "/abc").msg == "id: 'abc' is not a task number")
            #expect(await bed.host.send(.get, Self.path + "?neId=002").json?["total"]?.intValue == 0)
        }
    }
}
