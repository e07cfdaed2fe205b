public import PluginAPI

/// Trace: signalling trace tasks that the OMC activates on an NE at their start time and deactivates
/// at their end time, and packet captures on NEs (any NE's tcpdump, the UPF's pcap commands) with
/// their files streamed from the NE through the OMC.
public struct TracePlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "trace", version: "1.0.0", kind: .feature,
        dependencies: ["ne"],
        configuration: [
            .integer("checkIntervalSeconds", default: 5, range: 1...60,
                     help: "how often due trace tasks are activated and ended ones deactivated"),
            .integer("maximumTaskDays", default: 30, range: 1...366, help: "longest a trace task may run"),
            .integer("maximumCaptureSeconds", default: 3600, range: 1...86_400,
                     help: "longest timeout a /tcpdump/ne capture may be given"),
        ],
        summary: "Trace tasks scheduled on NEs, packet captures and their download")

    let settings: TraceSettings

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = TraceSettings(configuration)
    }

    /// Declares the task table, the task and capture routes and the job that activates tasks.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(TraceMessages.chinese)
        TraceTaskStore.declareMigrations(&plugin)
        TraceTaskRoutes.declare(&plugin, settings: settings)
        CaptureRoutes.declare(&plugin, settings: settings)
        TraceScheduler.declare(&plugin, settings: settings)
    }
}
