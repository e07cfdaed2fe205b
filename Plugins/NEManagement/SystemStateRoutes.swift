import Foundation
import PluginAPI

/// System state as the API document shapes it: `{"data": [{"UDM/001": {"ipAddress": …, "systemState": {…}}}]}`,
/// an unreachable NE answering `{"UDM/001": {"error": {"errorCode": "1", "errorInfo": "…"}, "ipAddress": …}}`.
enum SystemStateRoutes {
    static func path(_ type: String) -> String { "/api/rest/systemManagement/v1/elementType/\(type)/objectType/systemState" }

    static func declare(_ plugin: inout PluginRegistrar, settings: NEManagementSettings) {
        let stateAnswer = RouteAnswer.json(.object(["data": .array(of: .object([:], description: "{\"<TYPE>/<id>\": {ipAddress, systemState} or {ipAddress, error}}"))],
                                              required: ["data"], name: "SystemStates"))
        plugin.route(.get, path("{neType}"), permission: "ne:state:query", summary: "System state of one NE, or of every NE of a type",
                     parameters: [.string("neType", maxLength: 32, description: "NE type")],
                     query: [.string("ne_id", maxLength: 32, description: "Only this NE"), .string("neId", maxLength: 32, description: "Alias of ne_id")],
                     answer: stateAnswer) { request, context in
            let type = try request.pathParameter("neType").uppercased()
            guard context.host.neTypes[type] != nil else {
                throw OMCError.notFound("NE type '\(type)' is not provided by any enabled plugin")
            }
            let elements: [NetworkElement]
            if let id = request.query["ne_id"] ?? request.query["neId"] {
                guard let element = try await context.network.element(type: type, id: id) else {
                    throw OMCError.notFound("NE \(type)/\(id) is not registered")
                }
                elements = [element]
            } else {
                elements = try await context.network.elements(type: type)
            }
            return .json(["data": .array(await states(of: elements, context: context))] as JSONValue)
        }
        plugin.route(.get, path("ALL"), permission: "ne:state:query", summary: "System state of every registered NE, asked in parallel",
                     answer: stateAnswer) { _, context in
            let elements = try await context.network.elements(type: nil)
            return .json(["data": .array(await states(of: elements, context: context))] as JSONValue)
        }
        plugin.route(.get, path("omc"), permission: "ne:state:query", summary: "System state of the OMC's own host",
                     answer: stateAnswer) { _, context in
            let state = try await OMCHostState.measure(context)
            return .json(["data": [["OMC/\(settings.omcID)": ["ipAddress": .string(OMCHostState.primaryAddress()), "systemState": state]]]] as JSONValue)
        }
        plugin.route(.get, "/api/rest/systemManagement/v1/elementType/OMC/objectType/time", permission: .authenticated,
                     summary: "The OMC's local time",
                     answer: .data(.object(["time": .string(), "timestamp": .integer(), "timeZone": .string(), "utcOffsetSeconds": .integer()],
                                           required: ["time", "timestamp", "timeZone", "utcOffsetSeconds"], name: "OMCTime"))) { _, context in
            let now = context.clock.now()
            let zone = TimeZone.current
            return .success([
                "time": .string(DocumentTime.format(now)), "timestamp": .number((now.timeIntervalSince1970 * 1000).rounded()),
                "timeZone": .string(zone.identifier), "utcOffsetSeconds": .number(Double(zone.secondsFromGMT(for: now))),
            ] as JSONValue)
        }
    }

    /// Every NE's state, asked all at once; each NE is bounded by the gateway's timeout, so the whole
    /// answer is too, however many NEs hang.
    static func states(of elements: [NetworkElement], context: PluginContext) async -> [JSONValue] {
        await withTaskGroup(of: (Int, JSONValue).self) { group in
            for (index, element) in elements.enumerated() {
                group.addTask { (index, await state(of: element, context: context)) }
            }
            var results = [JSONValue](repeating: .null, count: elements.count)
            for await (index, state) in group { results[index] = state }
            return results
        }
    }

    static func state(of element: NetworkElement, context: PluginContext) async -> JSONValue {
        do {
            let response = try await context.network.send(.get(path(element.neType.lowercased())), to: element)
            guard response.status == 200 else {
                throw OMCError(.neFailure, "NE \(element.key) answered HTTP \(response.status)")
            }
            let state = try response.json(from: element)
            return [element.key: ["ipAddress": .string(element.ip), "systemState": state]]
        } catch {
            let message = (error as? OMCError)?.message ?? String(describing: error)
            return [element.key: ["error": ["errorCode": "1", "errorInfo": .string(message)], "ipAddress": .string(element.ip)]]
        }
    }
}
