import PluginAPI

extension HostRuntime {
    /// Serves the host's own endpoints.
    func serveBuiltin(_ endpoint: BuiltinEndpoint, _ request: OMCRequest) async throws -> OMCResponse {
        switch endpoint {
        case .home:
            return .success(message: "")
        case .metrics:
            return OMCResponse(headers: HeaderFields([("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]),
                               body: .bytes(metrics.exposition()))
        case .openAPI:
            return OMCResponse(headers: HeaderFields([("Content-Type", "application/json")]), body: .bytes(openAPIDocument))
        case .mml, .mmlUpperCase:
            let body = try await request.decode(MMLRequestBody.self)
            let neType = try request.pathParameter("neType").uppercased()
            return .success(try await runMML(body, neType: neType, request: request))
        case .operationList, .operation, .operationCancel:
            return try await serveOperations(endpoint, request)
        case .i18n:
            let language = try request.query["language"].map { name throws(OMCError) in
                guard let language = Language(tag: name) else {
                    throw OMCError.invalid("language", "must be one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return language
            } ?? request.language
            return .success(MessageCatalog.Served(language: language, languages: Language.allCases,
                                                  messages: messages.entries(in: language)))
        }
    }
}
