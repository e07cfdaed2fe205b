import Foundation
package import PluginAPI

extension HostRuntime {
    /// Bodies of audited requests up to this size are read before the handler runs, so the
    /// operation log can record their (masked) parameters; larger ones stream to the handler.
    static let recordedBodyLimit = 64 * 1024

    /// Routes, authenticates, authorizes and serves one request, then records metrics, the log line
    /// and the operation log. Never throws: every failure becomes the document's failure envelope.
    package func respond(to incoming: IncomingRequest) async -> OMCResponse {
        let started = ContinuousClock.now
        let requestID = incoming.headers["X-Request-Id"].flatMap(Self.acceptableRequestID) ?? requestIDs.next()
        var response: OMCResponse
        var instruments = metrics.unmatched
        var caller: Caller?
        let translations = messages.translations(for: incoming.headers)
        // HEAD is answered by the GET route; OPTIONS by the route table alone, before any identity check,
        // since browsers send their CORS preflight without credentials.
        let isHead = incoming.method == "HEAD"
        switch assembly.routes.lookup(isHead ? .get : HTTPMethod(rawValue: incoming.method), path: incoming.path) {
        case .notFound:
            response = .failure(notFoundError(incoming))
        case .methodNotAllowed(let allowed) where incoming.method == "OPTIONS":
            response = OMCResponse(status: 204, body: .empty)
            response.headers.set("Allow", Self.allowHeader(allowed))
        case .methodNotAllowed(let allowed):
            let methods = Self.allowHeader(allowed)
            response = .failure(OMCError(.methodNotAllowed, "\(incoming.method) is not allowed on \(incoming.path); it answers \(methods)"))
            response.headers.set("Allow", methods)
        case .found(let route, let index, let parameters):
            instruments = metrics.routes[index]
            (response, caller) = await serve(route, parameters: parameters, incoming: incoming, requestID: requestID, started: started,
                                             translations: translations)
        }
        response = encoded(response, requestID: requestID, translations: translations)
        if isHead { response = await Self.withoutBody(response) }
        if let cors = settings.cors { cors.apply(to: &response, request: incoming) }
        response.headers.set("X-Request-Id", requestID)
        let elapsed = ContinuousClock.now - started
        instruments.record(status: response.status, duration: elapsed)
        let level: PluginLogger.Level = response.status >= 500 ? .error
            : (response.status >= 400 || !["GET", "HEAD", "OPTIONS"].contains(incoming.method)) ? .info : .debug
        if level >= logSink.level {
            logger.log(level, "\(incoming.method) \(incoming.path) \(response.status)", [
                "request-id": requestID, "duration-ms": String(format: "%.2f", Self.milliseconds(elapsed)),
                "user": caller?.auditName ?? "-", "client": incoming.clientAddress ?? "-",
            ])
        }
        return response
    }

    private func serve(_ route: MountedRoute, parameters: [String: String], incoming: IncomingRequest, requestID: String,
                       started: ContinuousClock.Instant, translations: MessageTranslations?) async -> (OMCResponse, Caller?) {
        let limit = route.bodyLimit ?? settings.requestBodyLimit
        if let length = incoming.contentLength, length > limit {
            return (.failure(OMCError(.tooLarge, "request body is \(length) bytes; \(route.method.rawValue) \(route.pattern.text) accepts at most \(limit) bytes")), nil)
        }
        let caller: Caller?
        do {
            caller = try await authenticate(incoming, permission: route.permission)
        } catch {
            let failure = Self.omcError(error)
            await recordRefusal(failure, route: route, caller: nil, incoming: incoming, requestID: requestID, started: started)
            return (.failure(failure), nil)
        }
        do {
            try await authorize(caller, route.permission, action: "\(route.method.rawValue) \(route.pattern.text)")
        } catch {
            let failure = Self.omcError(error)
            await recordRefusal(failure, route: route, caller: caller, incoming: incoming, requestID: requestID, started: started)
            return (.failure(failure), caller)
        }
        var body = incoming.body(limit)
        var recordedBody: [UInt8]?
        // A declared JSON body is read whole to be checked; it is bounded by the route's limit.
        var declaredJSON: [UInt8]?
        let isJSONDeclared = if case .json = route.body { true } else { false }
        if isJSONDeclared || (route.audit != .none && incoming.contentLength.map { $0 <= Self.recordedBodyLimit } ?? false) {
            do {
                let bytes = try await body.collect()
                if route.audit != .none, bytes.count <= Self.recordedBodyLimit { recordedBody = bytes }
                if isJSONDeclared { declaredJSON = bytes }
                body = RequestBody(bytes: bytes, limit: limit)
            } catch {
                return (.failure(Self.omcError(error)), caller)
            }
        }
        let request = OMCRequest(method: route.method, path: incoming.path, pathParameters: parameters,
                                 query: QueryParameters(rawQuery: incoming.query), headers: incoming.headers, body: body,
                                 caller: caller, requestID: requestID, clientAddress: incoming.clientAddress,
                                 permissions: permissionCheck(for: caller), uploadDirectory: scratch.uploadDirectory(contentType: incoming.headers["Content-Type"]))
        var response: OMCResponse
        let masker = operations.masker
        if let refusal = RequestValidator.refusal(for: route, pathParameters: parameters, query: request.query, body: declaredJSON,
                                                  contentType: incoming.headers["Content-Type"],
                                                  isSecret: { masker.isSecret($0, extra: route.secretFields) }) {
            response = .failure(refusal)
        } else {
            response = await run(route, request, requestID: requestID)
        }
        response = scratch.removing(request.uploadDirectory, after: response)
        // The operation log is kept in English, whatever language the caller reads.
        let englishResult = route.audit != .none && translations != nil
            ? Self.resultMessage(of: encoded(response, requestID: requestID, translations: nil)) : nil
        response = encoded(response, requestID: requestID, translations: translations)
        if route.audit != .none {
            let extra = route.secretFields
            let query = request.query.pairs.isEmpty ? "" : masker.maskedQuery(request.query, extra: extra)
            let parameters = [query,
                              recordedBody.map { masker.maskedBody($0, contentType: incoming.headers["Content-Type"], extra: extra) }
                                  ?? (incoming.contentLength.map { "(body of \($0) bytes streamed, not recorded)" }
                                      ?? (incoming.headers["Transfer-Encoding"] == nil ? "" : "(chunked body streamed, not recorded)"))]
                .filter { !$0.isEmpty }.joined(separator: " ")
            await operations.record(OperationRecord(
                title: route.summary, businessType: route.audit, method: route.method.rawValue,
                url: incoming.path + (query.isEmpty ? "" : "?" + query), operatorName: caller?.auditName,
                departmentName: caller?.departmentName, clientAddress: incoming.clientAddress,
                parameters: parameters, result: englishResult ?? Self.resultMessage(of: response),
                succeeded: response.status < 400, durationMilliseconds: Self.milliseconds(since: started), time: clock.now(),
                requestID: requestID, pluginID: route.owner == BuiltinEndpoint.owner ? nil : route.owner),
                extra: extra, values: masker.secretValues(query: request.query, body: recordedBody, extra: extra))
        }
        return (response, caller)
    }

    /// Runs the route's handler; what it throws becomes the failure envelope.
    private func run(_ route: MountedRoute, _ request: OMCRequest, requestID: String) async -> OMCResponse {
        do {
            switch route.target {
            case .plugin(let handler, let index):
                return try await handler(request, contexts[index].logging(["request-id": requestID]))
            case .builtin(let endpoint):
                return try await serveBuiltin(endpoint, request)
            }
        } catch {
            return .failure(handlerError(error, requestID: requestID, owner: route.owner))
        }
    }

    /// Asks the identity plugin who is calling. Without one, nobody is identified and everything is allowed.
    func authenticate(_ incoming: IncomingRequest, permission: Permission) async throws -> Caller? {
        guard let identity else { return nil }
        let token = Self.bearerToken(incoming.headers)
        let credentials = Credentials(token: token, clientAddress: incoming.clientAddress, userAgent: incoming.headers["User-Agent"])
        // An open route (login, captcha) must answer a client still holding an expired token.
        if permission == .open { return try? await identity.authenticator.authenticate(credentials, identity.context) }
        let caller = try await identity.authenticator.authenticate(credentials, identity.context)
        if caller == nil, permission != .open {
            throw OMCError(.unauthenticated, token == nil
                ? "authentication required: log in and send the token as 'Authorization: Bearer <token>'"
                : "the session is not valid: log in again")
        }
        return caller
    }

    /// Checks `caller` holds `permission`; `action` names what was refused.
    func authorize(_ caller: Caller?, _ permission: Permission, action: String) async throws {
        guard let identity, case .required(let name) = permission else { return }
        guard let caller else { throw OMCError(.unauthenticated, "authentication required for \(action)") }
        guard try await identity.authorizer.isPermitted(caller, name, identity.context) else {
            throw OMCError(.forbidden, "permission '\(name)' is required for \(action)")
        }
    }

    /// What a handler asks when it needs a right finer than its route's: the identity plugin's authorizer
    /// for this caller; everything when no identity plugin is enabled, nothing for an anonymous caller.
    func permissionCheck(for caller: Caller?) -> PermissionCheck {
        guard let identity else { return .everything }
        guard let caller else { return PermissionCheck { _ in false } }
        return PermissionCheck { permission in try await identity.authorizer.isPermitted(caller, permission, identity.context) }
    }

    /// Records a request refused for want of a session (401) or a right (403), whatever the route's
    /// audit class, within the bounds of ``RefusalLimiter``: who (or `anonymous`), from where, which
    /// route, the status and the reason.
    private func recordRefusal(_ failure: OMCError, route: MountedRoute, caller: Caller?, incoming: IncomingRequest,
                               requestID: String, started: ContinuousClock.Instant) async {
        let status = failure.httpStatus
        guard status == 401 || status == 403 else { return }
        let who = caller?.userName ?? "anonymous"
        let now = clock.now()
        let admitted = refusals.admit("\(incoming.clientAddress ?? "-") \(who) \(status) \(route.method.rawValue) \(route.pattern.text)", now: now)
        guard admitted.record else { return }
        let omitted = admitted.omitted == 0 ? ""
            : " (\(admitted.omitted) refusals before this one were not recorded: repeats within a minute, or over \(RefusalLimiter.perMinute) a minute)"
        let query = QueryParameters(rawQuery: incoming.query)
        let maskedQuery = query.pairs.isEmpty ? "" : operations.masker.maskedQuery(query, extra: route.secretFields)
        await operations.record(OperationRecord(
            title: "Refused: \(route.summary)", businessType: .other, method: route.method.rawValue,
            url: incoming.path + (maskedQuery.isEmpty ? "" : "?" + maskedQuery), operatorName: who,
            departmentName: caller?.departmentName, clientAddress: incoming.clientAddress,
            parameters: "", result: "HTTP \(status): \(failure.message)" + omitted, succeeded: false,
            durationMilliseconds: Self.milliseconds(since: started), time: now, requestID: requestID,
            pluginID: route.owner == BuiltinEndpoint.owner ? nil : route.owner),
            extra: route.secretFields)
    }

    /// Turns `.json` bodies into bytes now, so that encoding failures are caught here and the
    /// operation log can read the answer's `msg`; messages are rendered with `translations`
    /// (English when `nil`).
    private func encoded(_ response: OMCResponse, requestID: String, translations: MessageTranslations?) -> OMCResponse {
        guard case .json(let value) = response.body else { return response }
        do {
            var result = response
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let translations { encoder.userInfo[MessageTranslations.codingKey] = translations }
            result.body = .bytes(Array(try encoder.encode(value)))
            if result.headers["Content-Type"] == nil { result.headers.set("Content-Type", "application/json;charset=UTF-8") }
            return result
        } catch {
            logger.error("response could not be encoded as JSON: \(error)", ["request-id": requestID])
            return encoded(.failure(OMCError(.internal, "the answer could not be encoded; request id \(requestID)")), requestID: requestID,
                           translations: translations)
        }
    }

    private func handlerError(_ error: any Error, requestID: String, owner: String) -> OMCError {
        if let error = error as? OMCError { return error }
        if error is CancellationError { return OMCError(.internal, "the request was cancelled") }
        logger.error("unexpected failure in \(owner): \(error)", ["request-id": requestID])
        return OMCError(.internal, "internal error; the OMC log has the details under request id \(requestID)")
    }

    /// The `Allow` header of a path whose routes answer `methods`: HEAD wherever GET is, and OPTIONS always.
    static func allowHeader(_ methods: [HTTPMethod]) -> String {
        var names: [String] = []
        for method in methods.sorted() {
            names.append(method.rawValue)
            if method == .get { names.append("HEAD") }
        }
        return (names + ["OPTIONS"]).joined(separator: ", ")
    }

    /// The GET answer as HEAD sends it: the same status and headers, `Content-Length` of what GET
    /// would send, no body. A streamed answer is produced and counted, not sent, so that its length
    /// is known and the producer's own clean-up (a download's temporary file) still runs.
    static func withoutBody(_ response: OMCResponse) async -> OMCResponse {
        var result = response
        switch response.body {
        case .bytes(let bytes):
            result.headers.set("Content-Length", String(bytes.count))
        case .stream(let produce):
            let counter = ByteCounter()
            try? await produce(counter)
            result.headers.set("Content-Length", String(counter.count))
        case .empty, .json:
            break
        }
        result.body = .empty
        return result
    }

    static func omcError(_ error: any Error) -> OMCError {
        (error as? OMCError) ?? OMCError(.internal, .verbatim("\(error)"))
    }

    /// The message of an unmatched path: for the document's generic NE paths, which NE type is missing.
    private func notFoundError(_ incoming: IncomingRequest) -> OMCError {
        let segments = RoutePattern.split(incoming.path)
        if segments.count >= 7, segments[0] == "api", segments[1] == "rest", segments[2].hasSuffix("Management"),
           segments[4] == "elementType", segments[6] == "objectType" {
            let neType = segments[5].uppercased()
            if assembly.neTypes[neType] == nil, neType != BuiltinMMLCommand.neType {
                let known = assembly.neTypes.keys.sorted()
                return known.isEmpty ? OMCError.notFound("NE type '\(segments[5])' is not provided by any enabled plugin")
                    : OMCError.notFound("NE type '\(segments[5])' is not provided by any enabled plugin; enabled NE types: \(known.joined(separator: ", "))")
            }
            return OMCError.notFound("NE type \(neType) has no \(segments[7...].joined(separator: "/")) for \(incoming.method)")
        }
        return OMCError.notFound("no route for \(incoming.method) \(incoming.path)")
    }

    static func bearerToken(_ headers: HeaderFields) -> String? {
        if let authorization = headers["Authorization"], let token = bearerCredentials(authorization) { return token }
        if let token = headers["AccessToken"], !token.isEmpty { return token }
        return nil
    }

    /// The credentials of `Bearer <token>` (scheme in any case, blanks around the token ignored), or
    /// `nil` for another scheme. Works on UTF-8 bytes: it runs on every request, and Foundation's
    /// trimming or a `Character` search costs microseconds on a 200-character token.
    static func bearerCredentials(_ authorization: String) -> String? {
        let bytes = authorization.utf8
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count,
              zip(bytes, scheme).allSatisfy({ byte, expected in byte | 0x20 == expected }) else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let afterScheme = bytes.index(bytes.startIndex, offsetBy: scheme.count)
        guard isBlank(bytes[afterScheme]) else { return nil }
        guard let start = bytes[afterScheme...].firstIndex(where: { !isBlank($0) }),
              let end = bytes[start...].lastIndex(where: { !isBlank($0) }) else { return nil }
        return String(authorization[start...end])
    }

    static func acceptableRequestID(_ text: String) -> String? {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        } ? text : nil
    }

    static func resultMessage(of response: OMCResponse) -> String {
        guard case .bytes(let bytes) = response.body else { return "HTTP \(response.status)" }
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)), let message = value["msg"]?.stringValue {
            return message
        }
        return "HTTP \(response.status)"
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        Int(milliseconds(ContinuousClock.now - start))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Counts the bytes of a streamed answer that HEAD produces but does not send.
private final class ByteCounter: ResponseBodyWriter {
    private(set) var count = 0

    func write(_ bytes: [UInt8]) async throws {
        count += bytes.count
    }
}
