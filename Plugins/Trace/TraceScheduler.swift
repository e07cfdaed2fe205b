import Foundation
import PluginAPI

/// The job that carries out the task schedule on the host's clock: a scheduled task whose start has
/// come is activated on its NE, a running task whose end has come is deactivated.
///
/// Everything it needs is in the table, so a restart loses nothing. After downtime the first run
/// catches up: a task whose start passed while the OMC was down is activated late if its end is
/// still ahead, and fails ("never activated") if its end passed too; a task still running past its
/// end is deactivated. An NE that refuses or is unreachable at activation keeps the task scheduled,
/// with the reason, and is asked again at every run until the end time, when the task fails.
enum TraceScheduler {
    static func declare(_ plugin: inout PluginRegistrar, settings: TraceSettings) {
        plugin.job("run-trace-tasks", schedule: .every(seconds: settings.checkIntervalSeconds),
                   summary: "Activate trace tasks at their start time and deactivate them at their end time", run)
        plugin.jobTarget("runTraceTasks", summary: "Activate due trace tasks and deactivate ended ones, now") { _, context in
            try await run(context)
            return nil
        }
    }

    static func run(_ context: PluginContext) async throws {
        let now = context.clock.now()
        let due = try await context.database.read { db in try TraceTaskStore.due(at: now, in: db) }
        for task in due {
            switch TraceTaskState(rawValue: task.state) {
            case .scheduled: await start(task, now: now, context: context)
            case .running: await end(task, now: now, context: context)
            default: break
            }
        }
    }

    private static func start(_ task: TraceTask, now: Date, context: PluginContext) async {
        if task.endAt <= now {
            let reason = task.reason.map { "never activated before its end time; last attempt: \($0)" }
                ?? "never activated: the OMC was not running between its start and end time"
            await record(task, .scheduled, to: .failed, reason: reason, now: now, context: context)
            return
        }
        do {
            guard let element = try await context.network.element(type: task.neType, id: task.neId) else {
                await record(task, .scheduled, to: .failed, reason: "NE \(task.key) is no longer registered", now: now, context: context)
                return
            }
            try await NETraceClient.activate(task, on: element, context: context)
            let moved = await record(task, .scheduled, to: .running, reason: nil, now: now, context: context)
            // Deleted or changed while the NE was being asked: do not leave the NE tracing for nobody.
            if !moved { try? await NETraceClient.deactivate(task.id, on: element, context: context) }
        } catch {
            let reason = "activation failed at \(TraceTime.format(now)): \(error); retrying until \(task.endTime)"
            context.logger.warning("trace task \(task.id) on \(task.key): \(reason)")
            _ = try? await context.database.write { db in try TraceTaskStore.note(task.id, reason: reason, now: now, in: db) }
        }
    }

    private static func end(_ task: TraceTask, now: Date, context: PluginContext) async {
        do {
            if let element = try await context.network.element(type: task.neType, id: task.neId) {
                try await NETraceClient.deactivate(task.id, on: element, context: context)
            }
            await record(task, .running, to: .finished, reason: nil, now: now, context: context)
        } catch {
            let reason = "deactivation at the end time failed: \(error); the NE was given the end time and stops by itself"
            await record(task, .running, to: .failed, reason: reason, now: now, context: context)
        }
    }

    @discardableResult
    private static func record(_ task: TraceTask, _ from: TraceTaskState, to: TraceTaskState, reason: String?, now: Date,
                               context: PluginContext) async -> Bool {
        do {
            return try await context.database.write { db in
                try TraceTaskStore.transition(task.id, from: from, to: to, reason: reason, now: now, in: db)
            }
        } catch {
            context.logger.error("trace task \(task.id): cannot record \(to.rawValue): \(error)")
            return false
        }
    }
}
