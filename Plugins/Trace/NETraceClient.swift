import Foundation
import PluginAPI

/// The trace and capture interface of an NE, as the OMC speaks it (the simulator implements the NE's
/// side). Paths follow the API document's NE paths: `/api/rest/traceManagement/v1/elementType/{type}/objectType/…`.
enum NETraceClient {
    static func taskPath(_ element: NetworkElement) -> String {
        "/api/rest/traceManagement/v1/elementType/\(element.neType.lowercased())/objectType/traceTask"
    }

    static func capturePath(_ element: NetworkElement) -> String {
        "/api/rest/traceManagement/v1/elementType/\(element.neType.lowercased())/objectType/capture"
    }

    /// Starts tracing `task` on its NE (the NE replaces a task of the same id: activating twice is harmless).
    static func activate(_ task: TraceTask, on element: NetworkElement, context: PluginContext) async throws {
        var body: [String: JSONValue] = [
            "id": .number(Double(task.id)), "traceType": .string(task.traceType),
            "interfaces": .array(task.interfaces.map(JSONValue.string)),
            "startTime": .string(task.startTime), "endTime": .string(task.endTime),
        ]
        if let srcIp = task.srcIp { body["srcIp"] = .string(srcIp) }
        if let port = task.signalPort { body["signalPort"] = .number(Double(port)) }
        let response = try await context.network.send(.json(.post, taskPath(element), .object(body)), to: element)
        guard response.status == 200 else { throw response.refusal(from: element, doing: "activate trace task \(task.id)") }
    }

    /// Stops tracing task `id` on its NE; a task the NE no longer has counts as stopped.
    static func deactivate(_ id: Int, on element: NetworkElement, context: PluginContext) async throws {
        let request = NERequest(method: .delete, path: taskPath(element), query: [("id", String(id))])
        let response = try await context.network.send(request, to: element)
        guard response.status == 200 || response.status == 404 else {
            throw response.refusal(from: element, doing: "deactivate trace task \(id)")
        }
    }

    /// Starts or stops a capture; the NE's answer (`fileName`, `packets`, `bytes`, `msg`) is returned.
    static func capture(_ order: [String: JSONValue], on element: NetworkElement, context: PluginContext) async throws -> JSONValue {
        let response = try await context.network.send(.json(.post, capturePath(element), .object(order)), to: element)
        guard response.status == 200 else {
            let action = order["action"]?.stringValue ?? "change"
            throw response.refusal(from: element, doing: "\(action) the capture")
        }
        return try response.json(from: element)["data"] ?? .null
    }

    /// The capture file `fileName`, streamed; the NE's refusal (no such file) as ``OMCError``.
    static func download(_ fileName: String, from element: NetworkElement, context: PluginContext) async throws -> NEStreamedResponse {
        let request = NERequest.get(capturePath(element) + "/file", query: [("fileName", fileName)])
        let response = try await context.network.stream(request, to: element)
        guard response.status == 200 else {
            let answer = NEResponse(status: response.status, body: try await response.body.collect(upTo: 64 * 1024))
            throw answer.refusal(from: element, doing: "send capture file '\(fileName)'")
        }
        return response
    }
}
