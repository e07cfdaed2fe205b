/// Reads the document's `{"data": …}` answers from one registered NE through the host's NE gateway,
/// for NE-type plugins whose routes show what the NE holds (base stations, UE contexts,
/// configuration): the NE's `data`, or a precise error naming the NE — 404 when it is not
/// registered, the NE's own words when it refuses, an NE failure when it cannot be reached or
/// answers without `data`.
public struct NEDataReader: Sendable {
    /// The NE read.
    public let element: NetworkElement
    private let network: any NEGateway

    /// The reader of the registered NE `type`/`id`.
    public static func resolve(_ type: String, _ id: String, _ context: PluginContext) async throws -> NEDataReader {
        guard let element = try await context.network.element(type: type, id: id) else {
            throw OMCError.notFound("NE \(type)/\(id) is not registered")
        }
        return NEDataReader(element: element, network: context.network)
    }

    /// The `data` of the NE's answer to `GET path?query`.
    public func data(_ path: String, query: [(name: String, value: String)] = []) async throws -> JSONValue {
        try await data(.get(path, query: query))
    }

    /// The `data` of the NE's answer to `request`.
    public func data(_ request: NERequest) async throws -> JSONValue {
        let response = try await network.send(request, to: element)
        guard response.status == 200 else { throw response.refusal(from: element) }
        guard let data = try response.json(from: element)["data"] else {
            throw OMCError(.neFailure, "NE \(element.key) answered without data")
        }
        return data
    }
}
