public import Foundation

/// What a module's handlers may use of the NE they run for.
public struct NEContext: Sendable {
    /// The NE's configured identity.
    public let identity: NEDefinition
    /// Address the NE listens on.
    public let host: String
    /// The NE's configuration sections.
    public let config: ConfigStore
    /// Folder holding the files pushed to this NE (`<data-dir>/<TYPE>-<id>`).
    public let filesDirectory: URL
    /// When the NE started.
    public let startedAt: Date
    /// What the NE has done so far.
    public let counters: NECounters
    /// Its packet capture; files under `<filesDirectory>/captures/`.
    public let capture: TrafficCapture
    /// Its software packages, running version and maintenance failures.
    public let maintenance: MaintenanceState
    /// The alarms it has raised and not cleared, for the OMC's synchronisation.
    public let alarms = ActiveAlarms()
    /// The measurement tasks it holds and how it measures them.
    public let measurements = MeasurementTasks()

    /// A context.
    public init(identity: NEDefinition, host: String, config: ConfigStore, filesDirectory: URL, startedAt: Date, counters: NECounters) {
        self.identity = identity
        self.host = host
        self.config = config
        self.filesDirectory = filesDirectory
        self.startedAt = startedAt
        self.counters = counters
        capture = TrafficCapture(folder: filesDirectory.appendingPathComponent("captures"))
        maintenance = MaintenanceState(version: identity.version)
    }
}
