import Foundation
import NESimulator
import Testing

/// The simulated NE's measurement tasks: what it takes, what it refuses, and which periods it
/// measures under a task's schedule and day windows.
@Suite struct MeasurementTasksTests {
    static func local(_ text: String) throws -> Date {
        try #require(TimeFormat.parseLocal(text))
    }

    @Test func takesATaskAndMeasuresOnlyTheDaysAndWindowsItsScheduleAllows() async throws {
        let tasks = MeasurementTasks()
        let task = try await tasks.accept(5, [
            "kpi_set": [["Code": "A", "KPIs": ["SMF.AttCreatePduSession", "SMF.AttCreatePduSession", "SMF.SuccCreatePduSession"]]],
            "granul_option": "30M", "status": "Active",
            "schedule": [["Type": "Weekly", "Days": [1, 3]]], "periods": [["Start": "08:00", "End": "12:00"]],
        ])
        #expect(task.kpis == ["SMF.AttCreatePduSession", "SMF.SuccCreatePduSession"] && task.granularity == 30 && task.active)
        #expect(task.measures(try Self.local("2026-12-07 08:00:00")), "a Monday morning")
        #expect(!task.measures(try Self.local("2026-12-07 12:00:00")), "after the window")
        #expect(!task.measures(try Self.local("2026-12-08 09:00:00")), "a Tuesday")
        #expect(task.measures(try Self.local("2026-12-09 11:30:00")), "a Wednesday morning")
        let removed = await tasks.remove(5)
        let again = await tasks.remove(5)
        #expect(removed && !again)
    }

    @Test func refusesMalformedTasksAndAllTasksWhenSwitched() async throws {
        let tasks = MeasurementTasks()
        await #expect(throws: NEReplyError.self) { try await tasks.accept(1, ["kpi_set": [], "granul_option": "15M"]) }
        await #expect(throws: NEReplyError.self) { try await tasks.accept(1, ["kpi_set": [["Code": "A", "KPIs": ["X"]]], "granul_option": "7M"]) }
        try await tasks.configure(["refuseTasks": true])
        await #expect(throws: NEReplyError.self) { try await tasks.accept(1, ["kpi_set": [["Code": "A", "KPIs": ["X"]]], "granul_option": "15M"]) }
        await #expect(throws: NEReplyError.self) { try await tasks.configure(["refuse": true]) }
        #expect(await tasks.all.isEmpty)
    }
}
