import PluginAPI

/// Reads from a registered N3IWF through the host's NE gateway: the NE's `data`, or a precise error —
/// 404 for an NE that is not registered, the NE's own words when it refuses, an NE failure when it
/// cannot be reached or answers something that is not the document's `{"data": …}`.
struct N3IWFReader: Sendable {
    let element: NetworkElement
    let network: any NEGateway

    /// The reader of the registered N3IWF `neID`.
    static func resolve(_ neID: String, _ context: PluginContext) async throws -> N3IWFReader {
        guard let element = try await context.network.element(type: N3IWFPlugin.neType, id: neID) else {
            throw OMCError.notFound("NE \(N3IWFPlugin.neType)/\(neID) is not registered")
        }
        return N3IWFReader(element: element, network: context.network)
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
