import Foundation
import PluginAPI

/// Software on NEs, each a long operation holding the NE (one operation per NE at a time):
/// `POST …/{neType}/software/{version}/{neId}` distributes a package (streamed, checked by the NE
/// against its SHA-256), `PUT` activates a version the NE holds, `PATCH` rolls back from the running
/// version to the previous one. `GET …/elementType/{neType}/objectType/software?ne_id=` shows the NE's
/// software as the NE reports it.
///
/// The OMC never claims a version the NE does not run: after an activation or rollback it records
/// what the NE reports once back, and an NE that does not come back has an unknown version.
enum LifecycleRoutes {
    static let path = PackageRoutes.base + "/{version}/{neId}"
    static let neIDParameter = RouteParameter.string("neId", maxLength: 64, description: "NE id")

    static func declare(_ plugin: inout PluginRegistrar, settings: NEMaintenanceSettings) {
        let parameters = [PackageRoutes.neTypeParameter, PackageRoutes.versionParameter, neIDParameter]
        plugin.route(.post, path, permission: "nemaint:software:distribute", summary: "Distribute a software package to an NE",
                     parameters: parameters, answer: .data(NESoftwareView.schema)) { request, context in
            try await distribute(request, context)
        }
        plugin.route(.put, path, permission: "nemaint:software:activate", summary: "Activate a software version on an NE",
                     parameters: parameters, answer: .data(NESoftwareView.schema)) { request, context in
            try await restart(request, context, settings: settings, rollback: false)
        }
        plugin.route(.patch, path, permission: "nemaint:software:rollback", summary: "Roll an NE back to its previous software version",
                     parameters: parameters, answer: .data(NESoftwareView.schema)) { request, context in
            try await restart(request, context, settings: settings, rollback: true)
        }
        plugin.route(.get, "/api/rest/systemManagement/v1/elementType/{neType}/objectType/software", permission: "nemaint:software:query",
                     summary: "Show an NE's software state", parameters: [PackageRoutes.neTypeParameter],
                     query: [.string("ne_id", required: true, maxLength: 64, description: "NE id")],
                     answer: .data(NESoftwareView.schema)) { request, context in
            let type = try NEKeys.neType(try request.pathParameter("neType"), context)
            let element = try await NEKeys.element(type, try request.query.required("ne_id"), context)
            return .success(try await NESoftwareView.current(element, context))
        }
    }

    /// The checked NE and version of a lifecycle request.
    private static func target(_ request: OMCRequest, _ context: PluginContext) async throws -> (NetworkElement, String) {
        let type = try NEKeys.neType(try request.pathParameter("neType"), context)
        let version = try NEKeys.version(try request.pathParameter("version"))
        return (try await NEKeys.element(type, try request.pathParameter("neId"), context), version)
    }

    private static func distribute(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let (element, version) = try await target(request, context)
        let package = try await PackageRoutes.find(element.neType, version, context)
        let file = PackageRoutes.file(element.neType, version, context)
        let client = NESoftwareClient(element: element, context: context)
        return try await NEOperation.holding(element, kind: "nemaint.software.distribute", operation: "distribute", target: version, title: "Distribute \(element.neType) \(version) to NE \(element.key)",
                                 total: package.size, request, context, check: {}) { tracker in
            tracker.progress(phase: "sending \(version) to NE \(element.key)", done: 0, total: package.size)
            // A cut transfer leaves nothing on the NE: it keeps a package only once it arrived whole and
            // matched its SHA-256.
            let sent: Void? = try await tracker.unlessCancelled {
                try await client.distribute(version: version, file: file, size: package.size, sha256: package.sha256) { tracker.progress(done: $0) }
            }
            guard sent != nil else { throw tracker.cancellation }
            tracker.progress(phase: "reading NE \(element.key)'s software state", done: package.size)
            let state = try await client.state()
            guard state.holds(version) else {
                try await SoftwareTables.record(element.neType, element.neID, state: state, result: "distribution of \(version) not confirmed", context)
                throw OMCError(.neFailure, "NE \(element.key) accepted package \(version) but does not list it")
            }
            try await SoftwareTables.record(element.neType, element.neID, state: state, result: "\(version) distributed", context)
            context.logger.info("distributed \(element.neType) \(version) to \(element.key)")
            return try await NESoftwareView.stored(element, context).json
        }
    }

    /// An activation (`rollback` false: into the path's version) or a rollback (from the path's
    /// version, which the NE must run, to its previous one).
    private static func restart(_ request: OMCRequest, _ context: PluginContext, settings: NEMaintenanceSettings,
                                rollback: Bool) async throws -> OMCResponse {
        let (element, version) = try await target(request, context)
        let client = NESoftwareClient(element: element, context: context)
        let operation = rollback ? "rollback" : "activate"
        let title = rollback ? "Roll NE \(element.key) back from \(version)" : "Activate \(version) on NE \(element.key)"
        return try await NEOperation.holding(element, kind: "nemaint.software.\(operation)", operation: operation, target: version, title: title, request, context, check: {
            // Refusals come from what the NE reports now, before anything is asked of it.
            let state = try await client.state()
            try await SoftwareTables.record(element.neType, element.neID, state: state, result: nil, context)
            if rollback {
                guard state.running == version else {
                    throw OMCError(.conflict, "NE \(element.key) runs \(state.running), not \(version); a rollback starts from the running version")
                }
                guard state.previous != nil else { throw OMCError(.conflict, "NE \(element.key) has no previous version to roll back to") }
            } else {
                guard state.holds(version) else {
                    throw OMCError(.conflict, "NE \(element.key) does not hold package \(version); distribute it first")
                }
                guard state.running != version else { throw OMCError(.conflict, "NE \(element.key) already runs \(version)") }
            }
        }) { tracker in
            try tracker.checkCancellation()
            tracker.progress(phase: rollback ? "asking NE \(element.key) to roll back" : "asking NE \(element.key) to activate \(version)", done: 0)
            let target: String
            do {
                target = try await client.restart(rollback ? .patch : .put, version: version)
            } catch {
                // Refused: nothing changed, but the OMC's view is refreshed from the NE.
                if let state = try? await client.state() {
                    try? await SoftwareTables.record(element.neType, element.neID, state: state, result: "\(operation) refused", context)
                }
                throw error
            }
            // The point of no return: the NE restarts; a cancellation now would leave the OMC blind.
            tracker.progress(phase: "NE \(element.key) restarting into \(target)", done: 0)
            let state = await waitForReturn(client, timeout: .seconds(settings.restartTimeoutSeconds), tracker: tracker)
            if tracker.isCancelled { tracker.error("cancellation asked after NE \(element.key) began restarting: the OMC waited for it") }
            guard let state else {
                try await SoftwareTables.record(element.neType, element.neID, state: nil,
                                                result: "\(operation) to \(target): NE did not come back; version unknown", context)
                throw OMCError(.neTimeout, "NE \(element.key) did not come back within \(settings.restartTimeoutSeconds) s after restarting into \(target); its version is unknown until it answers")
            }
            guard state.running == target else {
                try await SoftwareTables.record(element.neType, element.neID, state: state, result: "\(operation) to \(target) failed", context)
                let reason = state.lastActivation ?? "-"
                throw OMCError(.neFailure, "NE \(element.key) came back running \(state.running), not \(target): \(reason)")
            }
            try await SoftwareTables.record(element.neType, element.neID, state: state, result: "\(target) running after \(operation)", context)
            context.logger.info("NE \(element.key) now runs \(target) (\(operation))")
            return try await NESoftwareView.stored(element, context).json
        }
    }

    /// Polls the restarting NE until it answers and has finished restarting; `nil` when it did not
    /// within `timeout`. Polls on real time: the NE restarts in real time, whatever the OMC's clock says.
    private static func waitForReturn(_ client: NESoftwareClient, timeout: Duration, tracker: LongOperation) async -> NESoftwareState? {
        let started = ContinuousClock.now
        // The NE answers its last requests before it closes; give it a moment to go.
        try? await Task.sleep(for: .milliseconds(500))
        while ContinuousClock.now - started < timeout {
            if let state = try? await client.state(timeout: .seconds(2)), !state.restarting { return state }
            let waited = Int((ContinuousClock.now - started).components.seconds)
            tracker.progress(done: waited)
            try? await Task.sleep(for: .milliseconds(500))
        }
        return nil
    }
}
