import PluginAPI

/// The PCF plugin's configuration, from `plugins.yaml`.
struct PCFSettings: Sendable {
    /// The keys `plugins.yaml` accepts under the `pcf` plugin's `config:`.
    static let fields: [ConfigField] = [
        .integer("batchMaxRecords", default: 100_000, range: 1...1_000_000,
                 help: "most UE policies one batch add, modify, delete or import may change"),
        .integer("importMaxMegabytes", default: 256, range: 1...4096, help: "largest import file accepted"),
        .integer("importMaxErrors", default: 100, range: 1...10_000, help: "most failing lines an import refusal lists"),
        .integer("neBulkTimeoutSeconds", default: 300, range: 5...3600, help: "time the PCF NE has for a batch change"),
        .integer("reconcileIntervalSeconds", default: 60, range: 5...86_400,
                 help: "how often changes a stop left unsettled are settled with their NE"),
    ]

    let batchMaxRecords: Int
    let importMaxBytes: Int
    let importMaxErrors: Int
    let bulkTimeout: Duration
    let reconcileInterval: Int

    init(_ configuration: PluginConfiguration) {
        batchMaxRecords = configuration.integer("batchMaxRecords") ?? 100_000
        importMaxBytes = (configuration.integer("importMaxMegabytes") ?? 256) << 20
        importMaxErrors = configuration.integer("importMaxErrors") ?? 100
        bulkTimeout = .seconds(configuration.integer("neBulkTimeoutSeconds") ?? 300)
        reconcileInterval = configuration.integer("reconcileIntervalSeconds") ?? 60
    }
}
