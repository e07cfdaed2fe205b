import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers one NE's HTTP API: the modules' routes first, then systemState, config, mml and file;
/// anything else is a JSON 404. Faults are applied around it, by ``SimulatedNE``.
struct NEService: Sendable {
    /// The built-in endpoints, matched like module routes.
    private enum Endpoint: CaseIterable {
        case systemState, config, mml, file

        var pattern: RoutePattern {
            RoutePattern(text)
        }

        private var text: String {
            switch self {
            case .systemState: return "/api/rest/systemManagement/v1/elementType/{neType}/objectType/systemState"
            case .config: return "/api/rest/systemManagement/v1/elementType/{neType}/objectType/config/{name}"
            case .mml: return "/api/rest/opeartionManagement/v1/elementType/{neType}/objectType/mml"
            case .file: return "/api/rest/systemManagement/v1/elementType/{neType}/objectType/file"
            }
        }

        var methods: [HTTPRequest.Method] {
            switch self {
            case .systemState: return [.get]
            case .config: return [.get, .put, .post, .delete]
            case .mml: return [.post]
            case .file: return [.get, .post]
            }
        }
    }

    /// Most commands accepted in one MML request.
    static let maximumCommands = 1000

    let context: NEContext
    let modules: [any NEModule]
    let commands: [String: MMLCommand]
    let moduleRoutes: [NERoute]
    let files: FileStore
    let probe: SystemProbe
    private let builtins: [(endpoint: Endpoint, pattern: RoutePattern)]

    init(context: NEContext, modules: [any NEModule], probe: SystemProbe) {
        self.context = context
        self.modules = modules
        self.probe = probe
        files = FileStore(root: context.filesDirectory)
        var commands: [String: MMLCommand] = [:]
        for module in modules {
            for command in module.mmlCommands { commands[command.key] = command }
        }
        self.commands = commands
        // The type's module comes last in `modules`; its routes are tried first.
        moduleRoutes = modules.reversed().flatMap(\.routes)
        builtins = Endpoint.allCases.map { ($0, $0.pattern) }
    }

    /// The answer to `request`; never throws, errors become JSON answers.
    func respond(to request: Request, requestContext: NERequestContext) async -> Response {
        let path = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let neType = context.identity.type
        var allowed: [HTTPRequest.Method] = []
        do {
            for route in moduleRoutes {
                guard let parameters = route.pattern.match(path, neType: neType) else { continue }
                guard route.method == request.method else {
                    allowed.append(route.method)
                    continue
                }
                return try await route.handler(NERequest(request: request, parameters: parameters, context: context, requestContext: requestContext))
            }
            for builtin in builtins {
                guard let parameters = builtin.pattern.match(path, neType: neType) else { continue }
                guard builtin.endpoint.methods.contains(request.method) else {
                    allowed += builtin.endpoint.methods
                    continue
                }
                let call = NERequest(request: request, parameters: parameters, context: context, requestContext: requestContext)
                switch builtin.endpoint {
                case .systemState: return await systemState(port: requestContext.localPort)
                case .config: return try await config(call)
                case .mml: return try await mml(call)
                case .file: return try await file(call)
                }
            }
        } catch {
            return NEReply.failure(error)
        }
        if !allowed.isEmpty {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            return NEReply.failure(405, "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(names)")
        }
        return NEReply.failure(404, "no such endpoint on \(context.identity.key): \(request.method.rawValue) \(request.uri.path)")
    }

    // MARK: systemState

    /// The NE's identity and real measurements of this process and machine, plus module fields.
    func systemState(port: Int?) async -> Response {
        let ne = context.identity
        let sample = await probe.sample()
        let partitions = SystemProbe.disk(at: Self.existingFolder(context.filesDirectory).path)
        var state: [String: JSONValue] = [
            "neType": .string(ne.type), "neId": .string(ne.id), "neName": .string(ne.name),
            "hostName": .string(SystemProbe.hostName()), "version": .string(ne.version), "serialNum": .string(ne.serialNum),
            "expiryDate": .string(ne.expiryDate), "capability": .int(ne.capability), "province": .string(ne.province),
            "osInfo": .string(SystemProbe.osInfo()), "ipAddress": .string(context.host), "port": .int(port ?? 0),
            "cpuUsage": ["nfCpuUsage": .int(sample.nfCpuUsage), "sysCpuUsage": .int(sample.sysCpuUsage)],
            "memUsage": ["totalMem": .int(sample.totalMem), "nfUsedMem": .int(sample.nfUsedMem), "sysMemUsage": .int(sample.sysMemUsage)],
            "diskSpace": [
                "partitionNum": .int(partitions.count),
                "partitionInfo": .array(partitions.map { ["total": .int($0.total), "used": .int($0.used)] }),
            ],
            "startTime": .string(TimeFormat.local(context.startedAt)),
        ]
        for module in modules {
            state.merge(await module.systemStateFields(context)) { _, new in new }
        }
        return NEReply.json(.object(state))
    }

    /// The NE's folder if it exists yet, else the nearest existing parent (statvfs needs a real path).
    private static func existingFolder(_ url: URL) -> URL {
        var folder = url
        while !FileManager.default.fileExists(atPath: folder.path), folder.pathComponents.count > 1 {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }

    // MARK: config

    func config(_ call: NERequest) async throws -> Response {
        let name = call.parameters["name"] ?? ""
        let loc = call.query("loc").flatMap { $0.isEmpty ? nil : $0 }
        let store = context.config
        switch call.request.method {
        case .get:
            return NEReply.success(try await store.read(name, loc: loc))
        case .put:
            let body = try await call.json()
            let updated = try await store.merge(name, body: body, loc: loc)
            NECounters.increment(context.counters.configChanges)
            return NEReply.success(updated)
        case .post:
            let body = try await call.json()
            let position = try await store.append(name, record: body)
            NECounters.increment(context.counters.configChanges)
            return NEReply.success(["loc": .int(position), "record": body])
        default:
            let removed = try await store.remove(name, loc: loc)
            NECounters.increment(context.counters.configChanges)
            return NEReply.success(removed)
        }
    }

    // MARK: mml

    func mml(_ call: NERequest) async throws -> Response {
        let body = try await call.json()
        guard let list = body["mml"]?.arrayValue else {
            throw NEReplyError(status: 400, #"the body must be {"mml": ["command", …]}"#)
        }
        guard list.count <= Self.maximumCommands else {
            throw NEReplyError(status: 400, "\(list.count) commands in one request; at most \(Self.maximumCommands)")
        }
        var results: [JSONValue] = []
        for item in list {
            guard let text = item.stringValue else {
                throw NEReplyError(status: 400, "every element of mml must be a string; got \(item.displayText)")
            }
            let outcome = await run(text)
            NECounters.increment(context.counters.mmlCommands)
            if outcome.code != 200 { NECounters.increment(context.counters.mmlFailures) }
            results.append(outcome.json(command: text))
        }
        return NEReply.success(.array(results))
    }

    /// Runs one command line.
    func run(_ text: String) async -> MMLOutcome {
        guard let invocation = MMLInvocation(text) else { return .failure(400, "empty command") }
        guard let command = commands[invocation.key] else {
            return .failure(500, "unknown command \(invocation.key) on \(context.identity.type)")
        }
        return await command.handler(invocation, context)
    }

    // MARK: file

    func file(_ call: NERequest) async throws -> Response {
        let relative = call.query("path")
        if call.request.method == .get {
            let (body, size) = try await files.load(relative, context: call.requestContext)
            var fields = HTTPFields()
            fields[.contentType] = "application/octet-stream"
            fields[.contentLength] = String(size)
            return Response(status: .ok, headers: fields, body: body)
        }
        let announced = call.request.headers[.contentLength].flatMap { Int($0) }
        let size = try await files.store(call.request.body, at: relative, announcedLength: announced, context: call.requestContext)
        NECounters.increment(context.counters.filesReceived)
        NECounters.increment(context.counters.bytesReceived, by: size)
        return NEReply.success(["path": .string(relative ?? ""), "size": .int(size)])
    }
}
