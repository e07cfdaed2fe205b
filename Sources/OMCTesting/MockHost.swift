import Foundation
import OMCHost
public import PluginAPI
import Synchronization

/// A real OMC host without a network: it loads plugins with their real migrations into an
/// in-memory database, and hands requests and MML commands straight to the host's pipeline (routing,
/// identity, validation, operation log, metrics), so plugin authors test exactly what production runs.
///
///     try await MockHost.run([MyPlugin.self]) { host in
///     let response = await host.send(.get, "/my/route")
///     #expect(response.code == 200)
///     }
///
/// `run` (and ``use(isolation:_:)`` on a started host) shuts the host down when the closure ends, however
/// it ends; a host from ``start(_:configuration:clock:)`` must otherwise be shut down by its caller.
public final class MockHost: Sendable {
    /// The clock the host and its plugins use; advance it to run scheduled jobs.
    public let clock: ManualClock
    /// The in-memory database, to inspect or prepare rows: the host's own handle, which no plugin's
    /// isolation limits. ``database(of:)`` is the handle a plugin gets.
    public let database: any PluginDatabase
    /// A fresh temporary data folder (`<dataDirectory>/upload/` holds files to push to NEs); removed at shutdown.
    public var dataDirectory: String { runtime.settings.dataDirectory }
    let runtime: HostRuntime
    private let recorder: Recorder
    private let jobs: Task<Void, Never>
    private let stopped = Mutex(false)

    private init(clock: ManualClock, runtime: HostRuntime, database: any PluginDatabase, recorder: Recorder) {
        self.clock = clock
        self.runtime = runtime
        self.database = database
        self.recorder = recorder
        jobs = Task { await runtime.runJobs() }
    }

    /// Starts a host with `plugins`, hands it to `body`, and shuts it down when `body` returns or
    /// throws; `body`'s result or error is passed on. Arguments as for ``start(_:configuration:clock:)``.
    @discardableResult
    public static func run<Value>(_ plugins: [any OMCPlugin.Type], configuration: String? = nil, clock: ManualClock = ManualClock(),
                                   isolation: isolated (any Actor)? = #isolation,
                                   _ body: (MockHost) async throws -> Value) async throws -> Value {
        try await start(plugins, configuration: configuration, clock: clock).use(body)
    }

    /// Hands this host to `body` and shuts it down when `body` returns or throws, for hosts a test's
    /// own factory starts: `try await SecurityHost.start().use { host in … }`.
    @discardableResult
    public func use<Value>(isolation: isolated (any Actor)? = #isolation, _ body: (MockHost) async throws -> Value) async throws -> Value {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }

    /// Starts a host with `plugins`. `configuration` is a `plugins.yaml` text; without one, every
    /// plugin given is enabled with its defaults. Configuration mistakes throw ``ConfigurationError``
    /// exactly as `omc serve` would report them. `databaseDirectory`, when given, holds the database
    /// file (`omc.sqlite`) instead of memory: a test of an upgrade prepares an older one there.
    public static func start(_ plugins: [any OMCPlugin.Type], configuration: String? = nil,
                             clock: ManualClock = ManualClock(), databaseDirectory: String? = nil) async throws -> MockHost {
        let text = configuration ?? "plugins:\n" + plugins.map { "  - id: \($0.manifest.id)\n" }.joined()
        var file = try PluginsFile.parse(text, path: "plugins.yaml")
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("omc-mock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        file.server.dataDirectory = dataDirectory.path
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog(plugins))
        let recorder = Recorder()
        let database = try databaseDirectory.map { try HostDatabase.open(directory: $0) } ?? HostDatabase.inMemory()
        let sink = LogSink(level: .debug) { level, message, metadata in
            recorder.logs.withLock { $0.append(CapturedLog(level: level, message: message, metadata: metadata)) }
        }
        let runtime = try await HostRuntime.boot(
            assembly: assembly, settings: file.server, database: database, clock: clock, logSink: sink,
            eventObserver: { event in recorder.events.withLock { $0.append(event) } },
            operationObserver: { record in recorder.operations.withLock { $0.append(record) } })
        let host = MockHost(clock: clock, runtime: runtime, database: database, recorder: recorder)
        await host.waitForJobsToSleep()
        return host
    }

    /// Jobs start sleeping on the clock shortly after start; a test that advances the clock before
    /// that would miss their first run.
    private func waitForJobsToSleep() async {
        let deadline = ContinuousClock.now + .seconds(2)
        while clock.sleeperCount < runtime.jobCount, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Whether ``shutdown()`` has run.
    public var isShutDown: Bool { stopped.withLock { $0 } }

    /// Stops the jobs and the plugins (in reverse order) and closes the database. Only the first call acts.
    public func shutdown() async {
        guard stopped.withLock({ wasStopped in
            defer { wasStopped = true }
            return !wasStopped
        }) else { return }
        jobs.cancel()
        await jobs.value
        await runtime.shutdown()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// Sends a request; `path` may carry a query string (`/ne/info?neType=UDM`).
    public func send(_ method: HTTPMethod, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) async -> MockResponse {
        await send(method: method.rawValue, path, headers: headers, body: body)
    }

    /// Sends a request with any method name, to test how the host treats methods no route answers.
    public func send(method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) async -> MockResponse {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let requestBody = body
        let incoming = IncomingRequest(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
            headers: HeaderFields(headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
            body: { limit in RequestBody(bytes: requestBody, limit: limit) },
            contentLength: body.count, clientAddress: "127.0.0.1")
        let response = await runtime.respond(to: incoming)
        return MockResponse(status: response.status, headers: response.headers, body: await Self.collect(response))
    }

    /// Sends `value` encoded as JSON.
    public func send(_ method: HTTPMethod, _ path: String, json value: some Encodable, headers: [String: String] = [:]) async throws -> MockResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return await send(method, path, headers: headers, body: Array(try JSONEncoder().encode(value)))
    }

    /// Sends a `multipart/form-data` body (file uploads).
    public func send(_ method: HTTPMethod, _ path: String, multipart parts: [MultipartPart], headers: [String: String] = [:]) async -> MockResponse {
        let boundary = "omc-mock-\(UUID().uuidString)"
        var headers = headers
        headers["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
        return await send(method, path, headers: headers, body: MultipartPart.encode(parts, boundary: boundary))
    }

    /// Sends MML commands to `neType` through the document's MML route.
    public func mml(_ commands: [String], neType: String, neID: String? = nil, confirm: Bool = false,
                    headers: [String: String] = [:]) async throws -> MockResponse {
        struct Body: Encodable { let mml: [String]; let confirm: Bool }
        let query = neID.map { "?ne_id=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0)" } ?? ""
        return try await send(.post, "/api/rest/opeartionManagement/v1/elementType/\(neType)/objectType/mml\(query)",
                              json: Body(mml: commands, confirm: confirm), headers: headers)
    }

    /// The database exactly as plugin `pluginID` reaches it (its own tables only), `nil` when no such
    /// plugin is enabled.
    public func database(of pluginID: String) -> (any PluginDatabase)? {
        runtime.contexts.first { $0.pluginID == pluginID }?.database
    }

    /// Every event published so far.
    public var events: [any OMCEvent] { recorder.events.withLock { $0 } }

    /// Every event of type `Event` published so far.
    public func events<Event: OMCEvent>(of type: Event.Type) -> [Event] {
        events.compactMap { $0 as? Event }
    }

    /// Every log line so far.
    public var logs: [CapturedLog] { recorder.logs.withLock { $0 } }

    /// Every operation-log entry written so far.
    public var operations: [OperationRecord] { recorder.operations.withLock { $0 } }

    /// Publishes an event on the host's bus, as another plugin would.
    public func publish<Event: OMCEvent>(_ event: Event) async {
        await runtime.events.publish(event)
    }

    private static func collect(_ response: OMCResponse) async -> [UInt8] {
        switch response.body {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .json(let value): return (try? Array(JSONEncoder().encode(value))) ?? []
        case .stream(let produce):
            let collector = Collector()
            do { try await produce(collector) } catch { collector.bytes += Array("\n[stream failed: \(error)]".utf8) }
            return collector.bytes
        }
    }
}

private final class Recorder: Sendable {
    let events = Mutex<[any OMCEvent]>([])
    let logs = Mutex<[CapturedLog]>([])
    let operations = Mutex<[OperationRecord]>([])
}

private final class Collector: ResponseBodyWriter {
    var bytes: [UInt8] = []
    func write(_ chunk: [UInt8]) async throws { bytes += chunk }
}
