public import PluginAPI

/// System: the operators' scheduled jobs on the host's job targets and the log of every job run,
/// the document's data-management routes over the tables plugins expose, server information and the
/// OMC's load history, digests, site configuration and help documents, files (resumable uploads and
/// ranged downloads), and the cache monitor over the caches plugins register.
public struct SystemPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "system", version: "1.0.0", kind: .feature,
        configuration: SystemSettings.fields,
        summary: "Scheduled jobs and their log, safe data management, server information and load, digests, site configuration, files, cache monitor")

    let settings: SystemSettings
    let scheduler: OperatorJobScheduler
    let loadSampler = LoadSampler()
    let siteKey = SiteKey()

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = SystemSettings(configuration)
        scheduler = OperatorJobScheduler(maximumCatchUpRuns: settings.maximumCatchUpRuns)
    }

    /// Declares the tables, routes, own job targets and jobs (job-log retention, load sampling,
    /// expiry of unfinished uploads).
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(SystemMessages.chinese)
        JobStore.declareMigrations(&plugin)
        JobLogStore.declareMigrations(&plugin)
        JobRoutes.declare(&plugin, scheduler: scheduler)
        JobLogRoutes.declare(&plugin)
        HostJobLog.declare(&plugin, settings: settings)
        SystemJobTargets.declare(&plugin, settings: settings)
        DataManagementRoutes.declare(&plugin)
        LoadSampler.declareMigrations(&plugin)
        loadSampler.declare(&plugin, settings: settings)
        LoadRoutes.declare(&plugin)
        SystemInfo.declare(&plugin)
        HashRoutes.declare(&plugin, key: siteKey)
        SiteConfigurationRoutes.declare(&plugin)
        FileRoutes.declare(&plugin, settings: settings)
        CacheRoutes.declare(&plugin)
    }

    /// Loads (or makes) the site's HMAC key, then starts the loops of the active jobs; runs missed
    /// while the OMC was down follow each job's misfire policy.
    public func start(_ context: PluginContext) async throws {
        try siteKey.prepare(folder: context.dataDirectory)
        try await scheduler.startAll(context)
    }

    /// Stops every loop and waits for the runs in progress.
    public func stop(_ context: PluginContext) async throws {
        await scheduler.stopAll()
    }
}
