import PluginAPI

/// The UDM NE's provisioning interface, as the plugin uses it through the host's NE gateway. The NE
/// is the authority: every change goes there first, and its refusal comes back as an ``OMCError``
/// that carries the NE's own words.
///
/// Records travel as tab-separated text with a header line of field names (``TabularText``); the
/// NE applies a whole body or nothing, and a `batch` id makes a repeated request harmless.
struct ProvisioningClient: Sendable {
    let element: NetworkElement
    let network: any NEGateway
    /// Time the NE has for a batch (a change with a batch id) or a dump page; single changes and
    /// reads have the host's default deadline (`server.neTimeoutMilliseconds`).
    let bulkTimeout: Duration

    /// The client for the registered UDM `neID`; a precise 404 when it is not registered.
    static func resolve(_ neID: String, _ context: PluginContext, bulkTimeout: Duration) async throws -> ProvisioningClient {
        guard let element = try await context.network.element(type: UDMPlugin.neType, id: neID) else {
            throw OMCError.notFound("NE \(UDMPlugin.neType)/\(neID) is not registered")
        }
        return ProvisioningClient(element: element, network: context.network, bulkTimeout: bulkTimeout)
    }

    private func path(_ schema: RecordSchema) -> String {
        "/api/rest/ueManagement/v1/elementType/udm/objectType/\(schema.resource)"
    }

    /// Creates records (`POST`), all or nothing; returns how many the NE added.
    func create(_ schema: RecordSchema, _ body: NERequest.Body, batch: String? = nil) async throws -> Int {
        try await change(.post, schema, body, query: batch.map { [("batch", $0)] } ?? [])
    }

    /// Replaces records (`PUT`), all or nothing.
    func modify(_ schema: RecordSchema, _ body: NERequest.Body, batch: String? = nil) async throws -> Int {
        try await change(.put, schema, body, query: batch.map { [("batch", $0)] } ?? [])
    }

    /// Removes records, the body being one IMSI per line; `strict` refuses when one is missing.
    func delete(_ schema: RecordSchema, _ body: NERequest.Body, strict: Bool, batch: String? = nil) async throws -> Int {
        var query: [(name: String, value: String)] = strict ? [("strict", "true")] : []
        if let batch { query.append(("batch", batch)) }
        return try await change(.delete, schema, body, query: query)
    }

    /// Stages one part of batch `batch` (``BatchParts``: records to create, or IMSIs to delete):
    /// the NE keeps it until ``commit(batch:)`` and changes nothing yet. Returns what it staged so far.
    func stage(_ schema: RecordSchema, delete: Bool, _ part: [UInt8], batch: String) async throws -> Int {
        let request = NERequest(method: delete ? .delete : .post, path: path(schema), query: [("batch", batch), ("stage", "true")],
                                body: .bytes(part), contentType: "text/tab-separated-values", timeout: bulkTimeout)
        guard let staged = try await answer(request)?["staged"]?.intValue else {
            throw OMCError(.neFailure, "NE \(element.key) answered a staged part without 'staged'")
        }
        return staged
    }

    /// Applies every staged part of `batch` in one step, all or nothing; returns how many records changed.
    func commit(batch: String) async throws -> Int {
        let request = NERequest(method: .post, path: "/api/rest/ueManagement/v1/elementType/udm/objectType/provisioningBatch/\(batch)/commit",
                                timeout: bulkTimeout)
        guard let applied = try await answer(request)?["applied"]?.intValue else {
            throw OMCError(.neFailure, "NE \(element.key) answered the commit of batch \(batch) without 'applied'")
        }
        return applied
    }

    /// Settles a batch after a crash: `true` when the NE applied it, otherwise the NE makes sure it
    /// never will and answers `false`.
    func settle(batch: String) async throws -> Bool {
        let request = NERequest(method: .post, path: "/api/rest/ueManagement/v1/elementType/udm/objectType/provisioningBatch/\(batch)/abort")
        let data = try await answer(request)
        guard case .bool(let applied)? = data?["applied"] else {
            throw OMCError(.neFailure, "NE \(element.key) answered the batch query without 'applied'")
        }
        return applied
    }

    /// The NE's own record of `imsi`, `nil` when the NE does not hold one.
    func record(_ schema: RecordSchema, imsi: String) async throws -> UDMRecord? {
        let response = try await network.send(.get(path(schema) + "/" + imsi), to: element)
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw response.refusal(from: element) }
        guard case .object(let fields)? = try response.json(from: element)["data"] else {
            throw OMCError(.neFailure, "NE \(element.key) answered the \(schema.noun) of IMSI \(imsi) without a record")
        }
        return try RecordService.parse(fields, schema: schema, element: element)
    }

    /// One page of the NE's full dump: NDJSON records with an IMSI above `after`, in IMSI order.
    func page(_ schema: RecordSchema, after: String?, limit: Int) async throws -> [UInt8] {
        var query: [(name: String, value: String)] = [("limit", String(limit))]
        if let after { query.append(("after", after)) }
        let response = try await network.send(NERequest(method: .get, path: path(schema), query: query, timeout: bulkTimeout), to: element)
        guard response.status == 200 else { throw response.refusal(from: element) }
        return response.body
    }

    /// Sends a configuration request to the NE and returns its `data`.
    func config(_ method: HTTPMethod, section: String, loc: String?, body: JSONValue?) async throws -> JSONValue {
        let path = "/api/rest/systemManagement/v1/elementType/udm/objectType/config/\(section)"
        let query: [(name: String, value: String)] = loc.map { [("loc", $0)] } ?? []
        let request = body.map { NERequest.json(method, path, $0, query: query) } ?? NERequest(method: method, path: path, query: query)
        return try await answer(request) ?? .null
    }

    private func change(_ method: HTTPMethod, _ schema: RecordSchema, _ body: NERequest.Body,
                        query: [(name: String, value: String)]) async throws -> Int {
        // A single change has the host's short deadline: an NE slow to answer one record must not
        // hold the request (and one of the NE's connections) for the bulk deadline.
        let batched = query.contains { $0.name == "batch" }
        let request = NERequest(method: method, path: path(schema), query: query, body: body,
                                contentType: "text/tab-separated-values", timeout: batched ? bulkTimeout : nil)
        guard let applied = try await answer(request)?["applied"]?.intValue else {
            throw OMCError(.neFailure, "NE \(element.key) answered a provisioning request without 'applied'")
        }
        return applied
    }

    /// The `data` of a successful answer; a failed one throws the NE's refusal.
    private func answer(_ request: NERequest) async throws -> JSONValue? {
        let response = try await network.send(request, to: element)
        guard response.status == 200 else { throw response.refusal(from: element) }
        return try response.json(from: element)["data"]
    }
}
