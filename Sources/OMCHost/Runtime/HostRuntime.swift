import Foundation
package import PluginAPI
import Synchronization

/// A running host without its network listener: the database, the plugins' contexts, the tables
/// built by ``HostAssembly``, and the services they use. The HTTP server and the mock host both
/// drive it through ``respond(to:)``.
package final class HostRuntime: Sendable {
    package let assembly: HostAssembly
    package let settings: ServerSettings
    let database: HostDatabase
    let clock: any OMCClock
    package let events: HostEventBus
    /// One context per plugin, same order as `assembly.plugins`.
    package let contexts: [PluginContext]
    let logger: PluginLogger
    let logSink: LogSink
    let metrics: HostMetrics
    let openAPIDocument: [UInt8]
    let requestIDs: RequestIDGenerator
    let gateway: HostNEGateway
    /// The NEs' push credentials, in the host's table `omc_ne_push_credential`.
    let pushCredentials: HostPushCredentials
    /// `<data>/tmp`, emptied at boot; requests' uploads and plugins' export files.
    let scratch: ScratchDirectory
    /// The identity plugin's hooks and context; `nil` when none is enabled.
    let identity: Identity?
    /// Masks and delivers every operation-log entry.
    let operations: OperationRecorder
    /// How many refused requests reach the operation log.
    let refusals: RefusalLimiter
    /// Long operations: the host's table `omc_operation` and the running ones.
    let operationRegistry: OperationRegistry
    /// The host's and the enabled plugins' translations, to answer in the caller's language.
    let messages: MessageCatalog
    private let startedCount = Mutex(0)

    private init(assembly: HostAssembly, settings: ServerSettings, database: HostDatabase, clock: any OMCClock,
                 scratch: ScratchDirectory, neTrust: NETrust?, logSink: LogSink, eventObserver: (@Sendable (any OMCEvent) -> Void)?,
                 operationObserver: (@Sendable (OperationRecord) -> Void)?) {
        self.assembly = assembly
        self.settings = settings
        self.database = database
        self.clock = clock
        self.scratch = scratch
        let masker = SecretMasker(declared: assembly.plugins.flatMap(\.registrar.secretFields))
        let logSink = logSink.masking(masker)
        self.logSink = logSink
        let logger = logSink.logger(["plugin": BuiltinEndpoint.owner])
        let operations = OperationRecorder(masker: masker, observer: operationObserver, logger: logger)
        self.operations = operations
        refusals = RefusalLimiter()
        messages = MessageCatalog(plugins: assembly.plugins.flatMap(\.registrar.translations))
        self.logger = logger
        let operationRegistry = OperationRegistry(database: database, clock: clock, logger: logger)
        self.operationRegistry = operationRegistry
        let events = HostEventBus(observer: eventObserver) { message in logger.error(message) }
        self.events = events
        let directoryContext = LateBound<PluginContext>()
        let gateway = HostNEGateway(
            directory: assembly.directoryPluginIndex.flatMap { assembly.plugins[$0].registrar.neDirectory },
            directoryContext: directoryContext, defaultTimeout: .milliseconds(settings.neTimeoutMilliseconds),
            connectionsPerNE: settings.neConnectionsPerNE, trust: neTrust)
        self.gateway = gateway
        let pushCredentials = HostPushCredentials(database: database, gateway: gateway, clock: clock, logger: logger)
        self.pushCredentials = pushCredentials
        let hostInfo = HostInfo(version: OMCVersion.current, dataDirectory: settings.dataDirectory, startedAt: clock.now(),
                                neTypes: assembly.neTypes.mapValues(\.descriptor),
                                menus: MenuEntry.merged(assembly.plugins.flatMap(\.registrar.menus)), scratchDirectory: scratch.path,
                                neTimeout: .milliseconds(settings.neTimeoutMilliseconds), databaseEngine: database.engine)
        let boundContexts = LateBound<[PluginContext]>()
        let jobRunner = HostJobRunner(plugins: assembly.plugins, contexts: boundContexts, isSecret: { masker.isSecret($0) })
        let dataManagement = HostDataManagement(plugins: assembly.plugins, contexts: boundContexts)
        let caches = HostCacheDirectory(plugins: assembly.plugins, masker: masker)
        contexts = assembly.plugins.map { plugin in
            PluginContext(pluginID: plugin.id, configuration: plugin.configuration, database: database.scoped(to: plugin.databaseScope()),
                          events: events, clock: clock, logger: logSink.logger(["plugin": plugin.id]), network: gateway, host: hostInfo,
                          operationLog: OperationRecorder.PluginWriter(recorder: operations, pluginID: plugin.id),
                          operations: operationRegistry.service(for: plugin.id),
                          dataDirectory: PluginContext.dataDirectory(of: plugin.id, in: settings.dataDirectory),
                          pushCredentials: pushCredentials, jobs: jobRunner, data: dataManagement, caches: caches)
        }
        boundContexts.set(contexts)
        if let index = assembly.directoryPluginIndex { directoryContext.set(contexts[index]) }
        metrics = HostMetrics(routes: assembly.routes)
        openAPIDocument = OpenAPIDocument.render(assembly)
        requestIDs = RequestIDGenerator()
        if let index = assembly.identityPluginIndex, let authenticator = assembly.plugins[index].registrar.authenticator,
           let authorizer = assembly.plugins[index].registrar.authorizer {
            identity = Identity(authenticator: authenticator, authorizer: authorizer, context: contexts[index])
        } else {
            identity = nil
        }
        operations.attach(zip(assembly.plugins, contexts).flatMap { plugin, context in
            plugin.registrar.operationLogSinks.map { OperationRecorder.SinkBinding(sink: $0, context: context) }
        })
    }

    /// The identity plugin's hooks.
    struct Identity: Sendable {
        let authenticator: any Authenticator
        let authorizer: any Authorizer
        let context: PluginContext
    }

    /// Runs the migrations, then starts every plugin in dependency order. A failure stops the plugins
    /// already started, in reverse order, and names the plugin or migration that failed.
    package static func boot(assembly: HostAssembly, settings: ServerSettings? = nil, database: HostDatabase, clock: any OMCClock, logSink: LogSink,
                             eventObserver: (@Sendable (any OMCEvent) -> Void)? = nil,
                             operationObserver: (@Sendable (OperationRecord) -> Void)? = nil) async throws -> HostRuntime {
        try MigrationRunner.migrate(assembly.plugins, in: database)
        let settings = settings ?? assembly.file.server
        let scratch = try ScratchDirectory.prepare(dataDirectory: settings.dataDirectory)
        try PluginFolders.prepare(assembly.plugins.map(\.id), dataDirectory: settings.dataDirectory)
        let neTrust = try settings.neTLS.map { tls throws(ConfigurationError) in try NETrust(tls, file: assembly.file) }
        let runtime = HostRuntime(assembly: assembly, settings: settings, database: database, clock: clock, scratch: scratch,
                                  neTrust: neTrust, logSink: logSink, eventObserver: eventObserver, operationObserver: operationObserver)
        try runtime.operationRegistry.prepare()
        try runtime.pushCredentials.prepare()
        runtime.operationRegistry.startFlushing()
        for (plugin, context) in zip(assembly.plugins, runtime.contexts) {
            for subscription in plugin.registrar.subscriptions { runtime.events.add(subscription, context: context) }
        }
        for (index, plugin) in assembly.plugins.enumerated() {
            do {
                try await plugin.instance.start(runtime.contexts[index])
                runtime.startedCount.withLock { $0 = index + 1 }
            } catch {
                await runtime.stopPlugins()
                await runtime.operationRegistry.stop()
                throw PluginStartFailure(pluginID: plugin.id, underlying: error)
            }
        }
        if assembly.identityPluginIndex == nil {
            runtime.logger.warning("no identity plugin is enabled: every route and MML command is open to every caller; enable the security plugin before exposing the OMC")
        }
        return runtime
    }

    /// How many scheduled jobs the plugins declared.
    package var jobCount: Int { assembly.plugins.reduce(0) { $0 + $1.registrar.jobs.count } }

    /// Runs the plugins' scheduled jobs until the calling task is cancelled.
    package func runJobs() async {
        var jobs: [JobScheduler.ScheduledJob] = []
        for (plugin, context) in zip(assembly.plugins, contexts) {
            for job in plugin.registrar.jobs {
                jobs.append(JobScheduler.ScheduledJob(declaration: job, cron: assembly.cronJobs["\(plugin.id).\(job.name)"], context: context))
            }
        }
        await JobScheduler(jobs: jobs, clock: clock, events: events).run()
    }

    /// Stops the started plugins in reverse order, then closes the database.
    package func shutdown() async {
        await stopPlugins()
        await operationRegistry.stop()
        await gateway.shutdown()
        do { try database.close() } catch { logger.error("closing the database failed: \(error)") }
    }

    private func stopPlugins() async {
        let count = startedCount.withLock { value in
            defer { value = 0 }
            return value
        }
        for index in (0..<count).reversed() {
            let plugin = assembly.plugins[index]
            do {
                try await plugin.instance.stop(contexts[index])
            } catch {
                logger.error("plugin \(plugin.id) failed to stop cleanly: \(error)")
            }
        }
    }

}

/// A plugin whose `start` threw.
package struct PluginStartFailure: Error, CustomStringConvertible {
    let pluginID: String
    let underlying: any Error
    package var description: String { "plugin \(pluginID) failed to start: \(underlying)" }
}

/// Request ids: a random per-process prefix and a counter, cheap enough for every request.
final class RequestIDGenerator: Sendable {
    private let prefix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    private let counter = Atomic<Int>(0)

    func next() -> String {
        "\(prefix)-\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
    }
}
