import PluginAPI

/// Reads from a registered IMS through the host's NE gateway: the NE's `data`, or a precise error —
/// 404 for an NE that is not registered, the NE's own words when it refuses, an NE failure when it
/// cannot be reached or answers something that is not the document's `{"data": …}`.
struct IMSReader: Sendable {
    let element: NetworkElement
    let network: any NEGateway

    /// The reader of the registered IMS `neID`.
    static func resolve(_ neID: String, _ context: PluginContext) async throws -> IMSReader {
        guard let element = try await context.network.element(type: IMSPlugin.neType, id: neID) else {
            throw OMCError.notFound("NE \(IMSPlugin.neType)/\(neID) is not registered")
        }
        return IMSReader(element: element, network: context.network)
    }

    /// The `data` of the NE's answer to `GET path?query`.
    func data(_ path: String, query: [(name: String, value: String)] = []) async throws -> JSONValue {
        try await data(.get(path, query: query))
    }

    /// The `data` of the NE's answer to `request`.
    func data(_ request: NERequest) async throws -> JSONValue {
        let response = try await network.send(request, to: element)
        guard response.status == 200 else { throw response.refusal(from: element) }
        guard let data = try response.json(from: element)["data"] else {
            throw OMCError(.neFailure, "NE \(element.key) answered without data")
        }
        return data
    }
}
