import PluginAPI

/// Polls every registered NE's system state on a schedule, records online/offline in the registry
/// and publishes ``NEStateChanged`` on every transition.
enum StatePoller {
    static func declare(_ plugin: inout PluginRegistrar, settings: NEManagementSettings) {
        plugin.job("poll-ne-state", schedule: .every(seconds: settings.pollIntervalSeconds),
                   summary: "Poll the system state of every registered NE") { context in
            try await poll(context, concurrency: settings.pollConcurrency)
        }
        plugin.jobTarget("pollNEState", summary: "Poll the system state of the registered NEs now, of one type or all",
                         parameters: .object(["neType": .string(maxLength: 32, pattern: "^[A-Za-z0-9_-]+$",
                                                                 description: "Only NEs of this type (all when left out)")])) { parameters, context in
            let count = try await poll(context, concurrency: settings.pollConcurrency, type: parameters["neType"]?.stringValue)
            return "polled \(count) NEs"
        }
    }

    @discardableResult
    static func poll(_ context: PluginContext, concurrency: Int, type: String? = nil) async throws -> Int {
        let elements = try await context.network.elements(type: type)
        var pending = elements[...]
        await withTaskGroup(of: Void.self) { group in
            func startNext() {
                guard let element = pending.popFirst() else { return }
                group.addTask { await check(element, context: context) }
            }
            for _ in 0..<concurrency { startNext() }
            while await group.next() != nil { startNext() }
        }
        return elements.count
    }

    static func check(_ element: NetworkElement, context: PluginContext) async {
        var reason: String?
        do {
            let answer = try await context.network.send(.get(SystemStateRoutes.path(element.neType.lowercased())), to: element)
            if answer.status != 200 { reason = "NE \(element.key) answered HTTP \(answer.status)" } else { _ = try answer.json(from: element) }
        } catch {
            reason = (error as? OMCError)?.message ?? String(describing: error)
        }
        let online = reason == nil
        let failure = reason
        let now = context.clock.now()
        do {
            let changed = try await context.database.write { db in
                try NERegistry.recordState(of: element, online: online, reason: failure, at: now, in: db)
            }
            if changed {
                context.logger.info("NE \(element.key) is \(online ? "online" : "offline")", failure.map { ["reason": $0] } ?? [:])
                await context.events.publish(NEStateChanged(element: element, online: online, reason: failure, time: now))
            }
        } catch {
            context.logger.error("recording the state of NE \(element.key) failed: \(error)")
        }
    }
}
