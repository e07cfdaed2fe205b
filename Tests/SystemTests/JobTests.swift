import Foundation
import OMCTesting
import PluginAPI
import Spreadsheet
import System
import Testing

/// `/monitor/job…` and `/monitor/jobLog…` through the host: the job model, cron with seconds, job
/// targets with typed parameters, misfire policies, overlap, restart, the host's jobs, rights.
@Suite(.serialized) struct JobTests {
    static let plugins: [any OMCPlugin.Type] = [FixtureIdentityPlugin.self, FixtureTargetsPlugin.self, SystemPlugin.self]
    let admin = FixtureIdentityPlugin.admin

    func job(_ name: String, target: String = "fixture.count", params: JSONValue = ["label": "x"], cron: String = "0/10 * * * * ?",
             misfire: String = "3", concurrent: String = "1", status: String = "1") -> JSONValue {
        let text = String(decoding: (try? JSONBody.encode(params)) ?? [], as: UTF8.self)
        return ["jobName": .string(name), "jobGroup": "DEFAULT", "invokeTarget": .string(target), "targetParams": .string(text),
                "cronExpression": .string(cron), "misfirePolicy": .string(misfire), "concurrent": .string(concurrent),
                "status": .string(status), "remark": ""]
    }

    /// Adds a job and waits until its loop sleeps on the clock, so that advancing the clock wakes it.
    func add(_ body: JSONValue, on host: MockHost) async throws -> String {
        let sleeping = host.clock.sleeperCount
        let added = try await host.send(.post, "/monitor/job", json: body, headers: admin)
        try #require(added.code == 200, "\(added.text)")
        let id = try #require(added.data?["jobId"]?.stringValue)
        if body["status"]?.stringValue == "1" {
            #expect(await eventually { host.clock.sleeperCount > sleeping })
        }
        return id
    }

    func logs(_ host: MockHost, jobId: String) async -> [JSONValue] {
        await host.send(.get, "/monitor/jobLog/list?jobId=\(jobId)&pageSize=100", headers: admin).json?["rows"]?.arrayValue ?? []
    }

    @Test func passesTheConformanceCheckButForTheDocumentsMonitorPermissions() async {
        let problems = await MockHost.conformanceProblems(of: SystemPlugin.self)
        #expect(problems.allSatisfy { $0.hasPrefix("route ") && $0.contains("'monitor:") }, "\(problems)")
    }

    @Test func addsShowsChangesAndDeletesAJob() async throws {
        try await MockHost.run(Self.plugins) { host in
            let id = try await add(job("nightly purge", target: "system.purgeJobLog", params: ["olderThanDays": 7], status: "0"), on: host)
            let shown = await host.send(.get, "/monitor/job/\(id)", headers: admin)
            #expect(shown.data?["invokeTarget"]?.stringValue == "system.purgeJobLog")
            #expect(shown.data?["targetParams"]?.stringValue == "{\"olderThanDays\":7}")
            #expect(shown.data?["cronExpression"]?.stringValue == "0/10 * * * * ?")
            #expect(shown.data?["createBy"]?.stringValue == "admin")
            #expect(shown.data?["nextRunTimes"]?.arrayValue?.compactMap(\.stringValue)
                    == (1...5).map { DocumentTime.format(host.clock.now().addingTimeInterval(Double($0 * 10))) })

            var changed = job("nightly purge", target: "system.purgeJobLog", params: ["olderThanDays": 9], cron: "0 30 3 * * ?", status: "0")
            changed = changed.merging(["jobId": .string(id), "remark": "keep nine days"])
            #expect(try await host.send(.put, "/monitor/job", json: changed, headers: admin).code == 200)
            let after = await host.send(.get, "/monitor/job/\(id)", headers: admin)
            #expect(after.data?["targetParams"]?.stringValue == "{\"olderThanDays\":9}")
            #expect(after.data?["remark"]?.stringValue == "keep nine days")

            #expect(try await host.send(.put, "/monitor/job/changeStatus", json: ["jobId": .string(id), "status": "1"] as JSONValue,
                                        headers: admin).code == 200)
            #expect(await host.send(.get, "/monitor/job/\(id)", headers: admin).data?["status"]?.stringValue == "1")

            let list = await host.send(.get, "/monitor/job/list?pageSize=50", headers: admin)
            let rows = list.json?["rows"]?.arrayValue ?? []
            #expect(list.json?["total"]?.intValue == rows.count)
            // The host's own jobs are listed, read-only, next to the operators'.
            #expect(rows.contains { $0["jobId"]?.stringValue == "fixture.tick" && $0["readOnly"]?.boolValue == true && $0["jobGroup"]?.stringValue == "SYSTEM" })
            #expect(rows.contains { $0["jobId"]?.stringValue == "system.purge-job-log" && $0["cronExpression"]?.stringValue == "30 3 * * *" })
            #expect(rows.contains { $0["jobId"]?.stringValue == id && $0["readOnly"]?.boolValue == false })
            let filtered = await host.send(.get, "/monitor/job/list?jobGroup=DEFAULT", headers: admin)
            #expect(filtered.json?["total"]?.intValue == 1)

            let targets = await host.send(.get, "/monitor/job/targets", headers: admin).data?.arrayValue ?? []
            #expect(targets.compactMap { $0["invokeTarget"]?.stringValue } == ["fixture.count", "fixture.fail", "fixture.hold", "system.purgeJobLog"])
            #expect(targets.last?["targetParams"]?["properties"]?["olderThanDays"]?["maximum"]?.intValue == 3650)

            #expect(await host.send(.delete, "/monitor/job/\(id),999", headers: admin).status == 404)
            #expect(await host.send(.get, "/monitor/job/\(id)", headers: admin).code == 200)
            #expect(await host.send(.delete, "/monitor/job/\(id)", headers: admin).code == 200)
            #expect(await host.send(.get, "/monitor/job/\(id)", headers: admin).status == 404)
        }
    }

    @Test func refusesBadJobsNamingTheFieldAndChangesNothing() async throws {
        try await MockHost.run(Self.plugins) { host in
            let cases: [(JSONValue, String)] = [
                (job("a", cron: "61 * * * * ?"), "cronExpression: second field '61': values must be within 0-59"),
                (job("a", cron: "0 0 ? * * *"), "cronExpression: hour field '?': '?' is allowed only in the day-of-month and day-of-week fields"),
                (job("a", cron: "* * * *"), "cronExpression: '* * * *' has 4 fields"),
                (job("a", target: "Runtime.exec"), "invokeTarget: 'Runtime.exec' is not a job target of an enabled plugin; the targets are fixture.count, fixture.fail, fixture.hold, system.purgeJobLog"),
                (job("a", target: "system.purgeJobLog", params: ["olderThanDays": 0]), "targetParams.olderThanDays: must be an integer from 1 to 3650"),
                (job("a", target: "system.purgeJobLog", params: [:]), "targetParams.olderThanDays: is required"),
                (job("a").merging(["targetParams": "rm -rf /"]), "targetParams: must be a JSON object"),
                (job("a").merging(["misfirePolicy": "7"]), "misfirePolicy: must be one of 0, 1, 2, 3"),
                (job("a").merging(["jobGroup": "bad group!"]), "jobGroup: must be 1 to 64 letters, digits, _ or -"),
            ]
            for (body, message) in cases {
                let refused = try await host.send(.post, "/monitor/job", json: body, headers: admin)
                #expect(refused.status == 400, "\(body)")
                #expect(refused.msg?.hasPrefix(message) == true, "\(refused.msg ?? "") should start with \(message)")
            }
            // Both problems at once.
            let both = try await host.send(.post, "/monitor/job", json: job("a", target: "nope", cron: "x"), headers: admin)
            #expect(both.msg?.contains("invokeTarget:") == true && both.msg?.contains("cronExpression:") == true)
            #expect(await host.send(.get, "/monitor/job/list?jobGroup=DEFAULT", headers: admin).json?["total"]?.intValue == 0)

            let id = try await add(job("unique", status: "0"), on: host)
            let duplicate = try await host.send(.post, "/monitor/job", json: job("unique", status: "0"), headers: admin)
            #expect(duplicate.status == 409 && duplicate.msg == "jobName: a job named 'unique' already exists in group 'DEFAULT'")
            let badChange = try await host.send(.put, "/monitor/job", json: job("renamed", cron: "0 0 25 * * ?").merging(["jobId": .string(id)]),
                                                headers: admin)
            #expect(badChange.status == 400 && badChange.msg == "cronExpression: hour field '25': values must be within 0-23")
            #expect(await host.send(.get, "/monitor/job/\(id)", headers: admin).data?["jobName"]?.stringValue == "unique")
            // The host's jobs are read-only.
            let hostJob = try await host.send(.put, "/monitor/job/changeStatus", json: ["jobId": "fixture.tick", "status": "0"] as JSONValue,
                                              headers: admin)
            #expect(hostJob.status == 400 && hostJob.msg?.contains("is a job the host runs for a plugin") == true)
            #expect(await host.send(.put, "/monitor/job/run/fixture.tick", headers: admin).status == 400)
            #expect(await host.send(.delete, "/monitor/job/fixture.tick", headers: admin).status == 400)
            #expect(await host.send(.get, "/monitor/job/fixture.tick", headers: admin).data?["readOnly"]?.boolValue == true)
        }
    }

    @Test func runsOnItsSecondsScheduleAndLogsEveryRun() async throws {
        try await MockHost.run(Self.plugins) { host in
            let id = try await add(job("every ten", params: ["label": "schedule"]), on: host)
            let failing = try await add(job("failing", target: "fixture.fail", params: [:]), on: host)
            await host.clock.advance(by: 10)
            #expect(RunCounter.shared.count("schedule") == 1)
            await host.clock.advance(by: 10)
            #expect(RunCounter.shared.count("schedule") == 2)
            let entries = await logs(host, jobId: id)
            #expect(entries.count == 2)
            #expect(entries.first?["status"]?.stringValue == "1")
            #expect(entries.first?["jobMsg"]?.stringValue == "{\"jobId\":\"\(id)\",\"message\":\"run 2 of schedule\"}")
            #expect(entries.first?["startTime"]?.stringValue == String(Int64(host.clock.now().timeIntervalSince1970 * 1000)))
            #expect(entries.first?["trigger"]?.stringValue == "schedule")
            let failed = await logs(host, jobId: failing)
            #expect(failed.count == 2 && failed.allSatisfy { $0["status"]?.stringValue == "0" })
            #expect(failed.first?["jobMsg"]?.stringValue?.contains("refused the connection") == true)
            let entryID = try #require(failed.first?["jobLogId"]?.stringValue)
            #expect(await host.send(.get, "/monitor/jobLog/\(entryID)", headers: admin).data?["jobName"]?.stringValue == "failing")
            #expect(await host.send(.get, "/monitor/jobLog/list?status=0", headers: admin).json?["total"]?.intValue == 2)

            // Inactive: no more runs.
            #expect(try await host.send(.put, "/monitor/job/changeStatus", json: ["jobId": .string(id), "status": "0"] as JSONValue,
                                        headers: admin).code == 200)
            #expect(try await host.send(.put, "/monitor/job/changeStatus", json: ["jobId": .string(failing), "status": "0"] as JSONValue,
                                        headers: admin).code == 200)
            try await Task.sleep(for: .milliseconds(100))
            await host.clock.advance(by: 60)
            #expect(RunCounter.shared.count("schedule") == 2)

            // Run now: apart from the schedule, logged as manual.
            #expect(await host.send(.put, "/monitor/job/run/\(id)", headers: admin).code == 200)
            #expect(await eventually { await logs(host, jobId: id).count == 3 })
            #expect(await logs(host, jobId: id).first?["trigger"]?.stringValue == "manual")
            #expect(await host.send(.put, "/monitor/job/run/4711", headers: admin).status == 404)
        }
    }

    @Test(arguments: [("1", 3), ("2", 1), ("0", 1), ("3", 0)])
    func appliesTheMisfirePolicyToMissedRuns(_ policy: String, _ runs: Int) async throws {
        try await MockHost.run(Self.plugins) { host in
            let label = "misfire-\(policy)"
            _ = try await add(job(label, params: ["label": .string(label)], misfire: policy), on: host)
            await host.clock.advance(by: 35)   // 08:00:10, :20 and :30 were due
            #expect(RunCounter.shared.count(label) == runs)
            await host.clock.advance(by: 5)    // 08:00:40, on time again
            #expect(RunCounter.shared.count(label) == runs + 1)
        }
    }

    @Test func makesUpRunsMissedWhileTheOMCWasDown() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("system-restart-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = ManualClock()
        let first = try await MockHost.start(Self.plugins, clock: clock, databaseDirectory: folder)
        let id = try await add(job("restart-all", params: ["label": "restart-all"], cron: "0 * * * * ?", misfire: "1"), on: first)
        _ = try await add(job("restart-skip", params: ["label": "restart-skip"], cron: "0 * * * * ?", misfire: "3"), on: first)
        await clock.advance(by: 60)
        #expect(RunCounter.shared.count("restart-all") == 1)
        await first.shutdown()

        // Down for five minutes: 08:02 … 08:06 were missed.
        let later = ManualClock(now: clock.now().addingTimeInterval(5 * 60 + 30))
        let second = try await MockHost.start(Self.plugins, clock: later, databaseDirectory: folder)
        #expect(await eventually { RunCounter.shared.count("restart-all") == 6 })
        #expect(RunCounter.shared.count("restart-skip") == 1)
        #expect(await logs(second, jobId: id).filter { $0["trigger"]?.stringValue == "misfire" }.count == 5)
        await second.shutdown()
    }

    @Test func aJobThatMayNotOverlapIsNotStartedTwice() async throws {
        try await MockHost.run(Self.plugins) { host in
            let held = try await add(job("held", target: "fixture.hold", params: ["label": "held"], status: "0"), on: host)
            #expect(await host.send(.put, "/monitor/job/run/\(held)", headers: admin).code == 200)
            #expect(await eventually { RunCounter.shared.count("held") == 1 })
            let second = await host.send(.put, "/monitor/job/run/\(held)", headers: admin)
            #expect(second.status == 409 && second.msg?.contains("does not allow concurrent runs") == true)

            let overlapping = try await add(job("overlap", target: "fixture.hold", params: ["label": "overlap"], concurrent: "0", status: "0"),
                                            on: host)
            #expect(await host.send(.put, "/monitor/job/run/\(overlapping)", headers: admin).code == 200)
            #expect(await host.send(.put, "/monitor/job/run/\(overlapping)", headers: admin).code == 200)
            #expect(await eventually { RunCounter.shared.count("overlap") == 2 })
            Gate.shared.open()
            #expect(await eventually {
                let heldRuns = await logs(host, jobId: held).count, overlappingRuns = await logs(host, jobId: overlapping).count
                return heldRuns == 1 && overlappingRuns == 2
            })
        }
    }

    @Test func logsTheHostsJobsAndCleansTheLog() async throws {
        try await MockHost.run(Self.plugins) { host in
            await host.clock.advance(by: 3600)
            // The run and its log entry finish after the clock's advance returns.
            #expect(await eventually { await logs(host, jobId: "fixture.tick").count == 1 })
            let hostRuns = await logs(host, jobId: "fixture.tick")
            #expect(hostRuns.count == 1 && hostRuns.first?["trigger"]?.stringValue == "host" && hostRuns.first?["status"]?.stringValue == "1")
            let entry = try #require(hostRuns.first?["jobLogId"]?.stringValue)
            #expect(await host.send(.delete, "/monitor/jobLog/\(entry),999", headers: admin).status == 404)
            #expect(await logs(host, jobId: "fixture.tick").count == 1)
            #expect(await host.send(.delete, "/monitor/jobLog/\(entry)", headers: admin).code == 200)
            #expect(await logs(host, jobId: "fixture.tick").isEmpty)
            await host.clock.advance(by: 3600)
            #expect(await host.send(.delete, "/monitor/jobLog/clean", headers: admin).code == 200)
            #expect(await host.send(.get, "/monitor/jobLog/list", headers: admin).json?["total"]?.intValue == 0)
        }
    }

    @Test func thePurgeTargetKeepsTheLogWithinItsRetention() async throws {
        try await MockHost.run(Self.plugins) { host in
            await host.clock.advance(by: 3600)          // one host run logged at 09:00
            await host.clock.advance(by: 3 * 86_400)    // and more, days later
            let before = await host.send(.get, "/monitor/jobLog/list", headers: admin).json?["total"]?.intValue ?? 0
            #expect(before >= 2)
            let id = try await add(job("purge", target: "system.purgeJobLog", params: ["olderThanDays": 1], status: "0"), on: host)
            #expect(await host.send(.put, "/monitor/job/run/\(id)", headers: admin).code == 200)
            #expect(await eventually { await logs(host, jobId: id).count == 1 })
            let message = await logs(host, jobId: id).first?["jobMsg"]?.stringValue ?? ""
            #expect(message.contains("removed") && message.contains("older than 1 days"), "\(message)")
            let after = await host.send(.get, "/monitor/jobLog/list", headers: admin).json?["total"]?.intValue ?? 0
            #expect(after < before + 1)
        }
    }

    @Test func exportsJobsAndTheirLogAsSpreadsheets() async throws {
        try await MockHost.run(Self.plugins) { host in
            let id = try await add(job("exported", params: ["label": "exported"]), on: host)
            await host.clock.advance(by: 10)
            let jobs = try await host.send(.post, "/monitor/job/export", json: ["jobGroup": "DEFAULT"] as JSONValue, headers: admin)
            #expect(jobs.status == 200 && jobs.downloadFileName?.hasPrefix("job_export_1_") == true, "\(jobs.text.prefix(200))")
            let jobRows = try Self.rows(of: jobs.body)
            #expect(jobRows.first?.first == "Job ID" && jobRows.count == 2 && jobRows.last?[1] == "exported" && jobRows.last?[5] == "0/10 * * * * ?")
            let everything = await host.send(.post, "/monitor/job/export", headers: admin)
            #expect(try Self.rows(of: everything.body).contains { $0.first == "fixture.tick" })

            let log = try await host.send(.post, "/monitor/jobLog/export", json: ["jobName": "exported"] as JSONValue, headers: admin)
            let logRows = try Self.rows(of: log.body)
            #expect(logRows.count == 2 && logRows.last?[1] == id && logRows.last?[7] == "Success" && logRows.last?[8] == "schedule")
            let none = try await host.send(.post, "/monitor/jobLog/export", json: ["jobName": "nothing like it"] as JSONValue, headers: admin)
            #expect(none.status == 400 && none.msg == "Export data record is empty")
            #expect(try await host.send(.post, "/monitor/jobLog/export", json: [:] as JSONValue, headers: FixtureIdentityPlugin.viewer).status == 403)
            #expect(try FileManager.default.contentsOfDirectory(atPath: host.dataDirectory + "/tmp").isEmpty)
        }
    }

    static func rows(of workbook: [UInt8]) throws -> [[String]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("system-export-\(UUID().uuidString).xlsx").path
        try Data(workbook).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rows: [[String]] = []
        try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells) }
        return rows
    }

    @Test func everyRouteNeedsItsOwnRightAndRefusalsChangeNothing() async throws {
        try await MockHost.run(Self.plugins) { host in
            let viewer = FixtureIdentityPlugin.viewer
            #expect(await host.send(.get, "/monitor/job/list").status == 401)
            #expect(await host.send(.get, "/monitor/job/list", headers: viewer).code == 200)
            #expect(await host.send(.get, "/monitor/jobLog/list", headers: viewer).code == 200)
            let refused = try await host.send(.post, "/monitor/job", json: job("sneaky"), headers: viewer)
            #expect(refused.status == 403)
            #expect(await host.send(.get, "/monitor/job/list?jobGroup=DEFAULT", headers: admin).json?["total"]?.intValue == 0)
            let id = try await add(job("mine", status: "0"), on: host)
            #expect(await host.send(.put, "/monitor/job/run/\(id)", headers: viewer).status == 403)
            #expect(await host.send(.delete, "/monitor/job/\(id)", headers: viewer).status == 403)
            #expect(await host.send(.delete, "/monitor/jobLog/clean", headers: viewer).status == 403)
            #expect(await host.send(.put, "/monitor/job/resetQueueJob", headers: viewer).status == 403)
            #expect(await host.send(.get, "/monitor/job/\(id)", headers: admin).code == 200)
            #expect(host.operations.contains { $0.title == "Add a scheduled job" && $0.succeeded })
        }
    }
}

extension JSONValue {
    func merging(_ members: [String: JSONValue]) -> JSONValue {
        guard case .object(var own) = self else { return self }
        for (key, value) in members { own[key] = value }
        return .object(own)
    }
}
