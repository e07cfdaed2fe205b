/// The host's services, as one plugin sees them. Handlers, jobs, subscribers, identity hooks and
/// `start`/`stop` receive it.
public struct PluginContext: Sendable {
    /// The plugin's id.
    public let pluginID: String
    /// The plugin's validated configuration.
    public let configuration: PluginConfiguration
    /// The OMC database, as this plugin may reach it: its own tables (named `<plugin id>_…`) and
    /// nothing else. The host refuses any other table, the migration bookkeeping, `ATTACH`, `PRAGMA`
    /// and schema objects outside the prefix. Data of another plugin comes through a service it
    /// declares (the NE directory in ``network``) or its events, never its tables.
    public let database: any PluginDatabase
    /// The plugin's own folder (`<data folder>/<plugin id>/`, mode 0700), created by the host: the
    /// place for files it keeps, secrets above all (keys). Nothing else writes there.
    public let dataDirectory: String
    /// The event bus.
    public let events: any EventPublisher
    /// The host's clock.
    public let clock: any OMCClock
    /// The plugin's logger.
    public let logger: PluginLogger
    /// The southbound client: registered NEs and requests to them.
    public let network: any NEGateway
    /// Facts about the host: version, data folder, NE types.
    public let host: HostInfo
    /// The operation log, for entries written outside a request on behalf of an operator.
    public let operationLog: any OperationLogWriter
    /// Long operations: progress, cancellation and outcome of work that can take seconds.
    public let operations: any LongOperations
    /// The NEs' push credentials: who pushed an alarm or a KPI report, issuing and rotating credentials.
    public let pushCredentials: any NEPushCredentials
    /// The host's scheduler: job targets, declared jobs, running a target with checked parameters.
    public let jobs: any JobRunner
    /// The data-management service: the tables plugins exposed, read and changed through a grammar.
    public let data: any DataManagement
    /// The in-memory caches the enabled plugins registered, for the cache monitor.
    public let caches: any CacheDirectory

    /// A context (the host and the mock host make these).
    public init(pluginID: String, configuration: PluginConfiguration, database: any PluginDatabase,
                events: any EventPublisher, clock: any OMCClock, logger: PluginLogger, network: any NEGateway, host: HostInfo,
                operationLog: any OperationLogWriter = DiscardingOperationLog(), operations: any LongOperations = UnrecordedOperations(),
                dataDirectory: String? = nil, pushCredentials: any NEPushCredentials = UnavailablePushCredentials(),
                jobs: any JobRunner = NoJobRunner(), data: any DataManagement = NoDataManagement(),
                caches: any CacheDirectory = NoCaches()) {
        self.pluginID = pluginID
        self.dataDirectory = dataDirectory ?? Self.dataDirectory(of: pluginID, in: host.dataDirectory)
        self.configuration = configuration
        self.database = database
        self.events = events
        self.clock = clock
        self.logger = logger
        self.network = network
        self.host = host
        self.operationLog = operationLog
        self.operations = operations
        self.pushCredentials = pushCredentials
        self.jobs = jobs
        self.data = data
        self.caches = caches
    }

    /// The same context with a logger that tags lines with `metadata` (the request id, say).
    public func logging(_ metadata: [String: String]) -> PluginContext {
        PluginContext(pluginID: pluginID, configuration: configuration, database: database,
                      events: events, clock: clock, logger: logger.with(metadata), network: network, host: host,
                      operationLog: operationLog, operations: operations, dataDirectory: dataDirectory,
                      pushCredentials: pushCredentials, jobs: jobs, data: data, caches: caches)
    }

    /// Where the folder of plugin `pluginID` is in a host whose data folder is `hostDataDirectory`.
    public static func dataDirectory(of pluginID: String, in hostDataDirectory: String) -> String {
        (hostDataDirectory.hasSuffix("/") ? hostDataDirectory : hostDataDirectory + "/") + pluginID
    }
}
