import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import Performance
import PluginAPI
import Testing

/// Measurement tasks through the host, with `omc-nesim` as the NEs: the catalog, creation reaching
/// every NE, changes and deletion reaching them, per-NE states when an NE refuses or cannot be
/// reached, the retry job, and refusals that change nothing.
@Suite(.serialized) struct MeasureTaskTests {
    typealias Bed = PerformanceTestBed

    @Test func passesTheConformanceCheck() async throws {
        try await MockHost.checkConformance(of: PerformancePlugin.self, dependencies: [NEManagementPlugin.self])
    }

    @Test func showsTheCatalogOfTypesWithKPIsOnly() async throws {
        try await Bed.run { bed in
            let catalog = await bed.host.send(.get, Bed.base + "/smf/objectType/kpiCatalog")
            #expect(catalog.code == 200, "\(catalog.text)")
            #expect(catalog.data?["granularities"] == ["15M", "30M", "60M"])
            let kpis = catalog.data?["kpis"]?.arrayValue ?? []
            #expect(kpis.map { $0["id"]?.stringValue ?? "" } == ["SMF.AttCreatePduSession", "SMF.SuccCreatePduSession", "SMF.MeanAllcAddr",
                                                                  "SMF.CreatePduSessionSuccRate"])
            #expect(kpis.last?["formula"]?.stringValue == "100 * SMF.SuccCreatePduSession / SMF.AttCreatePduSession")
            #expect(kpis.last?["derived"]?.boolValue == true && kpis[2]["aggregation"]?.stringValue == "average")
            let none = await bed.host.send(.get, Bed.base + "/amf/objectType/kpiCatalog")
            #expect(none.status == 404 && none.msg == "NE type AMF declares no KPIs; types with KPIs: SMF", "\(none.text)")
            let unknown = await bed.host.send(.get, Bed.base + "/xyz/objectType/kpiCatalog")
            #expect(unknown.status == 404 && unknown.msg?.hasPrefix("no enabled plugin provides NE type 'xyz'") == true)
        }
    }

    @Test func createChangeAndDeleteReachEveryNE() async throws {
        try await Bed.run { bed in
            let created = try await bed.host.send(.post, Bed.taskPath + "?id=28", json: Bed.task())
            #expect(created.code == 200, "\(created.text)")
            #expect(created.data?["id"]?.intValue == 28 && created.data?["delivery"]?.stringValue == "complete")
            #expect(Bed.states(created.data) == ["001": "active", "002": "active"])
            for key in ["SMF/001", "SMF/002"] {
                let held = try await bed.tasksOn(key)[28]
                #expect(held?["granul_option"]?.stringValue == "15M" && held?["status"]?.stringValue == "Active", "\(key): \(String(describing: held))")
            }
            let again = try await bed.host.send(.post, Bed.taskPath + "?id=28", json: Bed.task())
            #expect(again.status == 409, "\(again.text)")

            // The document's string-encoded lists, as its omc_db body writes them.
            let changed = try await bed.host.send(.patch, Bed.taskPath + "?taskId=28", json: [
                "ne_ids": "[\"001\"]", "granul_option": "30M", "status": "Inactive",
            ] as JSONValue)
            #expect(changed.code == 200, "\(changed.text)")
            #expect(Bed.states(changed.data) == ["001": "inactive"], "\(changed.text)")
            #expect(try await bed.tasksOn("SMF/001")[28]?["status"]?.stringValue == "Inactive")
            #expect(try await bed.tasksOn("SMF/001")[28]?["granul_option"]?.stringValue == "30M")
            #expect(try await bed.tasksOn("SMF/002")[28] == nil, "the NE taken out of the task still holds it")

            let list = await bed.host.send(.get, Bed.taskPath + "?status=Inactive")
            #expect(list.json?["total"]?.intValue == 1 && list.json?["rows"]?[0]?["ne_ids"] == ["001"], "\(list.text)")
            #expect(await bed.host.send(.get, Bed.taskPath + "/28").data?["granul_option"]?.stringValue == "30M")

            let removed = await bed.host.send(.delete, Bed.taskPath + "?taskId=28")
            #expect(removed.code == 200 && removed.data?["status"]?.stringValue == "Deleted", "\(removed.text)")
            #expect(try await bed.tasksOn("SMF/001").isEmpty)
            #expect(await bed.host.send(.get, Bed.taskPath + "/28").status == 404)
            #expect(await bed.host.send(.delete, Bed.taskPath + "?taskId=28").status == 404)
        }
    }

    @Test func anNEThatRefusesOrCannotBeReachedKeepsItsStateUntilTheRetryJobSucceeds() async throws {
        try await Bed.run { bed in
            try await bed.measurementSwitches("SMF/002", ["refuseTasks": true])
            let created = try await bed.host.send(.post, Bed.taskPath, json: Bed.task())
            #expect(created.code == 200, "\(created.text)")
            #expect(created.data?["delivery"]?.stringValue == "incomplete")
            #expect(Bed.states(created.data) == ["001": "active", "002": "refused"])
            let reason = created.data?["elements"]?[1]?["reason"]?.stringValue ?? ""
            #expect(reason.contains("SMF/002") && reason.contains("the NE takes no more measurement tasks"), "\(reason)")
            let id = try #require(created.data?["id"]?.intValue)

            try await bed.simulator.fault("SMF/001", "refuse")
            let changed = try await bed.host.send(.patch, Bed.taskPath + "?taskId=\(id)", json: ["granul_option": "60M"] as JSONValue)
            #expect(Bed.states(changed.data) == ["001": "unreachable", "002": "refused"], "\(changed.text)")
            #expect(changed.data?["elements"]?[0]?["reason"]?.stringValue?.contains("SMF/001") == true)

            // Still refused: the job tries again and records the attempt.
            await bed.host.clock.advance(by: 60)
            let retried = await bed.host.send(.get, Bed.taskPath + "/\(id)")
            #expect(retried.data?["elements"]?[1]?["attempts"]?.intValue == 2, "\(retried.text)")

            try await bed.simulator.fault("SMF/001", "none")
            try await bed.measurementSwitches("SMF/002", ["refuseTasks": false])
            await bed.host.clock.advance(by: 60)
            let settled = await bed.host.send(.get, Bed.taskPath + "/\(id)")
            #expect(Bed.states(settled.data) == ["001": "active", "002": "active"], "\(settled.text)")
            #expect(settled.data?["delivery"]?.stringValue == "complete")
            #expect(try await bed.tasksOn("SMF/002")[id]?["granul_option"]?.stringValue == "60M")
        }
    }

    @Test func aDeletionAnNECannotConfirmKeepsTheTaskUntilItDoes() async throws {
        try await Bed.run { bed in
            let created = try await bed.host.send(.post, Bed.taskPath, json: Bed.task())
            let id = try #require(created.data?["id"]?.intValue)
            try await bed.simulator.fault("SMF/002", "refuse")
            let removing = await bed.host.send(.delete, Bed.taskPath + "?taskId=\(id)")
            #expect(removing.code == 200 && removing.data?["status"]?.stringValue == "Deleting", "\(removing.text)")
            #expect(Bed.states(removing.data) == ["002": "unreachable"])
            #expect(try await bed.tasksOn("SMF/001")[id] == nil)
            #expect(try await bed.host.send(.patch, Bed.taskPath + "?taskId=\(id)", json: ["status": "Active"] as JSONValue).status == 404)
            try await bed.simulator.fault("SMF/002", "none")
            await bed.host.clock.advance(by: 60)
            #expect(await bed.host.send(.get, Bed.taskPath + "/\(id)").status == 404)
            #expect(try await bed.tasksOn("SMF/002")[id] == nil)
        }
    }

    @Test func refusesEveryBrokenRuleNamingTheFieldsAndChangesNothing() async throws {
        try await Bed.run { bed in
            let cases: [([String: JSONValue], String)] = [
                (["kpi_set": [["Code": "X", "KPIs": ["SMF.Nope", "SMF.AttCreatePduSession"]]]],
                 "kpi_set: NE type SMF has no KPI SMF.Nope; it measures SMF.AttCreatePduSession, SMF.SuccCreatePduSession, SMF.MeanAllcAddr"),
                (["kpi_set": [["Code": "X", "KPIs": ["SMF.CreatePduSessionSuccRate"]]]],
                 "kpi_set: SMF.CreatePduSessionSuccRate is derived by the OMC"),
                (["ne_ids": ["001", "009"]], "ne_ids: no SMF NE is registered as 009"),
                (["granul_option": "5M"], "granul_option: NE type SMF measures over 15M, 30M, 60M, not '5M'"),
                (["start_time": .string(bed.time(3600)), "end_time": .string(bed.time(60))], "end_time: \(bed.time(60)) must be after start_time"),
                (["end_time": "1970-01-01 00:00:00"], "end_time: '1970-01-01 00:00:00' is not between the years 2000 and 2100"),
                (["start_time": "2027-02-30 10:00:00"], "start_time: '2027-02-30 10:00:00' is not a time like 2023-07-04 13:00:00"),
                (["schedule": [["Type": "Weekly", "Days": [8]]]], "schedule[0].Days: every day must be a number from 1 to 7 for Weekly"),
                (["periods": [["Start": "12:00", "End": "08:00"]]], "periods[0]: must be"),
                (["status": "Running"], "status: must be Active or Inactive, not 'Running'"),
                (["ne_type": "AMF"], "ne_type: 'AMF' differs from the NE type of the path, SMF"),
                (["kpi_set": "not json"], "kpi_set: must be a list, or a list written as JSON text"),
            ]
            for (fields, message) in cases {
                let response = try await bed.host.send(.post, Bed.taskPath, json: Bed.task(fields))
                #expect(response.status == 400, "\(fields): \(response.text)")
                #expect(response.msg?.contains(message) == true, "\(fields): \(response.msg ?? response.text)")
            }
            let several = try await bed.host.send(.post, Bed.taskPath, json: Bed.task(["granul_option": "7M", "ne_ids": ["404"], "status": "x"]))
            let message = several.msg ?? ""
            #expect(message.contains("ne_ids:") && message.contains("granul_option:") && message.contains("status:"), "\(message)")
            let noCatalog = try await bed.host.send(.post, Bed.base + "/amf/objectType/measureTask", json: Bed.task(["ne_type": "AMF", "ne_ids": ["001"]]))
            #expect(noCatalog.status == 404, "\(noCatalog.text)")
            #expect(await bed.host.send(.get, Bed.taskPath).json?["total"]?.intValue == 0, "a refused task was stored")
            #expect(try await bed.tasksOn("SMF/001").isEmpty)
            #expect(try await bed.tasksOn("SMF/002").isEmpty)

            // A refused change leaves the task as it was, on the OMC and on the NEs.
            let created = try await bed.host.send(.post, Bed.taskPath, json: Bed.task())
            let id = try #require(created.data?["id"]?.intValue)
            let refused = try await bed.host.send(.patch, Bed.taskPath + "?taskId=\(id)", json: ["granul_option": "45M", "ne_ids": ["001"]] as JSONValue)
            #expect(refused.status == 400, "\(refused.text)")
            let unchanged = await bed.host.send(.get, Bed.taskPath + "/\(id)")
            #expect(unchanged.data?["granul_option"]?.stringValue == "15M" && unchanged.data?["ne_ids"] == ["001", "002"])
            #expect(try await bed.tasksOn("SMF/002")[id] != nil)
        }
    }

    @Test func theDocumentsTableRowChangesATaskWithTheSameChecks() async throws {
        try await Bed.run { bed in
            _ = try await bed.host.send(.post, Bed.taskPath + "?id=28", json: Bed.task())
            func row(_ kpis: String) -> JSONValue {
                ["measure_task": [
                    "id": "28", "ne_type": "SMF", "ne_ids": "[\"001\"]",
                    "kpi_set": .string("[{\"Code\":\"SMFHA01\",\"KPIs\":[\"\(kpis)\"]}]"),
                    "schedule": "[{\"Type\":\"\",\"Days\":[]}]", "start_time": "", "end_time": "", "granul_option": "30M",
                    "status": "Inactive", "create_time": "2023-5-25 21:59:9", "periods": "[]",
                ]]
            }
            let path = "/api/rest/dataManagement/v1/omc_db/measure_task"
            let refused = try await bed.host.send(.put, path, json: row("SMF.Nope"))
            #expect(refused.status == 400 && refused.msg?.contains("kpi_set: NE type SMF has no KPI SMF.Nope") == true, "\(refused.text)")
            #expect(await bed.host.send(.get, Bed.taskPath + "/28").data?["granul_option"]?.stringValue == "15M")
            let changed = try await bed.host.send(.put, path, json: row("SMF.MeanAllcAddr"))
            #expect(changed.code == 200 && Bed.states(changed.data) == ["001": "inactive"], "\(changed.text)")
            let held = try await bed.tasksOn("SMF/001")[28]
            #expect(held?["granul_option"]?.stringValue == "30M" && held?["kpi_set"]?[0]?["KPIs"] == ["SMF.MeanAllcAddr"])
            #expect(try await bed.tasksOn("SMF/002")[28] == nil)
        }
    }
}
