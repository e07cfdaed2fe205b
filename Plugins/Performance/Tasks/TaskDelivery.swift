import Foundation
import PluginAPI

/// Brings the NEs of a task in line with it: each NE that has not confirmed the task's current
/// version is sent it (or told to drop it when the task was deleted or the NE taken out of it),
/// all NEs at once, each bounded by the NE deadline. What each NE did is recorded per NE; a refusal
/// or an unreachable NE keeps its reason and is tried again by the retry job, so a task is never
/// shown active on an NE that did not take it.
enum TaskDelivery {
    static func declareJob(_ plugin: inout PluginRegistrar, settings: PerformanceSettings) {
        plugin.job("retry-task-delivery", schedule: .every(seconds: settings.retryIntervalSeconds),
                   summary: "Send measurement tasks again to the NEs that refused them or could not be reached") { context in
            let ids = try await context.database.read { db in try MeasureTaskStore.undelivered(in: db) }
            for id in ids { try await deliver(id, context: context) }
        }
    }

    /// Tells every NE of task `id` that has not confirmed its current version; records the outcomes.
    static func deliver(_ id: Int, context: PluginContext) async throws {
        let loaded = try await context.database.read { db -> (MeasureTask, [TaskElement])? in
            guard let task = try MeasureTaskStore.find(id, in: db) else { return nil }
            return (task, try MeasureTaskStore.elements(of: id, in: db))
        }
        guard let loaded else { return }
        let (task, elements) = loaded
        let waiting = elements.filter { $0.state != NETaskState.active.rawValue && $0.state != NETaskState.inactive.rawValue }
        guard !waiting.isEmpty else { return }
        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for element in waiting {
                group.addTask { DeliveryOutcome(neID: element.neID, result: await tell(element.neID, about: task, context: context)) }
            }
            var all: [DeliveryOutcome] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let now = context.clock.now()
        try await context.database.write { db in
            for outcome in outcomes { try MeasureTaskStore.record(outcome, task: task.id, version: task.updatedAt, now: now, in: db) }
        }
        for outcome in outcomes {
            if case .failed(let state, let reason) = outcome.result {
                context.logger.warning("measurement task \(task.id) on \(task.neType)/\(outcome.neID): \(state.rawValue): \(reason)")
            }
        }
    }

    private static func tell(_ neID: String, about task: MeasureTask, context: PluginContext) async -> DeliveryResult {
        let removal = task.status == .deleting || !task.neIDs.contains(neID)
        let element: NetworkElement?
        do {
            element = try await context.network.element(type: task.neType, id: neID)
        } catch {
            return .failed(.unreachable, "the NE registry cannot be read: \(error)")
        }
        guard let element else {
            // An NE unregistered since can no longer be reached: nothing holds the task there for the OMC.
            return removal ? .removed : .failed(.unreachable, "NE \(task.neType)/\(neID) is no longer registered")
        }
        return removal ? await NEMeasureClient.remove(task.id, from: element, context: context)
            : await NEMeasureClient.send(task, to: element, context: context)
    }
}
