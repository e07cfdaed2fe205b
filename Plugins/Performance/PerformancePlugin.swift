public import PluginAPI

/// Performance management: measurement tasks sent to NEs, the KPI reports NEs push stored as time
/// series, queries with roll-ups and completeness, derived KPIs, and retention.
public struct PerformancePlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "performance", version: "1.0.0", kind: .feature,
        dependencies: ["ne"],
        configuration: [
            .integer("retryIntervalSeconds", default: 60, range: 5...86_400,
                     help: "how often tasks an NE refused or could not be reached for are sent again"),
            .integer("rawRetentionDays", default: 7, range: 3...3650,
                     help: "days measured periods (15, 30, 60 minutes) are kept; at least 3, as roll-ups are refreshed over the last 2"),
            .integer("hourlyRetentionDays", default: 90, range: 1...3650, help: "days hourly roll-ups are kept"),
            .integer("dailyRetentionDays", default: 730, range: 1...36_500, help: "days daily roll-ups are kept"),
            .integer("maximumQueryPoints", default: 200_000, range: 1000...10_000_000,
                     help: "most points one KPI query may return (NEs x KPIs x periods)"),
        ],
        summary: "Measurement tasks on NEs, KPI reports, history, roll-ups and completeness")

    let settings: PerformanceSettings

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = PerformanceSettings(configuration)
    }

    /// Declares the tables, the task, catalog, ingest and query routes, and the retry, roll-up and
    /// purge jobs.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(PerformanceMessages.chinese)
        PerformanceSchema.declare(&plugin)
        CatalogRoutes.declare(&plugin)
        MeasureTaskRoutes.declare(&plugin)
        MeasureTaskTableRoute.declare(&plugin)
        MeasurementRoutes.declare(&plugin, settings: settings)
        MeasureReportRoutes.declare(&plugin, settings: settings)
        TaskDelivery.declareJob(&plugin, settings: settings)
        KPIQueryRoutes.declare(&plugin, settings: settings)
        KPIExposition.declare(&plugin)
        ThresholdRoutes.declare(&plugin)
        RetentionJobs.declare(&plugin, settings: settings)
    }
}
