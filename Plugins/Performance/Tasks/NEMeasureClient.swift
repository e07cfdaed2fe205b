import PluginAPI

/// The measurement-task interface of an NE, as the OMC speaks it (the simulator implements the NE's
/// side): `POST …/objectType/measureTask?id=` creates or replaces task `id` on the NE (so sending it
/// again is harmless), `DELETE …?taskId=` removes it; an NE that no longer has the task answers 404,
/// which counts as removed.
enum NEMeasureClient {
    static func path(_ element: NetworkElement) -> String {
        "/api/rest/performanceManagement/v1/elementType/\(element.neType.lowercased())/objectType/measureTask"
    }

    /// Sends `task` to `element`; what the NE then holds, or why it did not take it.
    static func send(_ task: MeasureTask, to element: NetworkElement, context: PluginContext) async -> DeliveryResult {
        let request = NERequest.json(.post, path(element), task.neBody, query: [("id", String(task.id))])
        do {
            let response = try await context.network.send(request, to: element)
            guard response.status == 200 else {
                return .failed(.refused, response.refusal(from: element, doing: "take measurement task \(task.id)").message)
            }
            return .holds(task.status == .inactive ? .inactive : .active)
        } catch let error as OMCError {
            return .failed(.unreachable, error.message)
        } catch {
            return .failed(.unreachable, "NE \(element.key): \(error)")
        }
    }

    /// Tells `element` to drop task `id`.
    static func remove(_ id: Int, from element: NetworkElement, context: PluginContext) async -> DeliveryResult {
        let request = NERequest(method: .delete, path: path(element), query: [("taskId", String(id))])
        do {
            let response = try await context.network.send(request, to: element)
            guard response.status == 200 || response.status == 404 else {
                return .failed(.refused, response.refusal(from: element, doing: "remove measurement task \(id)").message)
            }
            return .removed
        } catch let error as OMCError {
            return .failed(.unreachable, error.message)
        } catch {
            return .failed(.unreachable, "NE \(element.key): \(error)")
        }
    }
}
