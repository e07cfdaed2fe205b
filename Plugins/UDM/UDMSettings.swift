import PluginAPI

/// The UDM plugin's configuration, from `plugins.yaml`.
struct UDMSettings: Sendable {
    /// The keys `plugins.yaml` accepts under the `udm` plugin's `config:`.
    static let fields: [ConfigField] = [
        .string("secretKey", maxLength: 64,
                help: "AES-256 key sealing Ki and OPc in the OMC's database, 64 hex digits; when absent, one is generated on first start in <dataDir>/udm/secret.key (mode 0600)"),
        .integer("batchMaxRecords", default: 100_000, range: 1...1_000_000, help: "most records one batch add or batch delete may change"),
        .integer("importMaxMegabytes", default: 1024, range: 1...8192, help: "largest import file accepted"),
        .integer("importMaxErrors", default: 100, range: 1...10_000, help: "most failing lines an import refusal lists"),
        .integer("neBulkTimeoutSeconds", default: 600, range: 5...3600, help: "time the NE has for a bulk change or a dump page"),
        .integer("reconcileIntervalSeconds", default: 60, range: 5...86_400, help: "how often unsettled batches are settled with their NE"),
    ]

    let secretKey: String?
    let batchMaxRecords: Int
    let importMaxBytes: Int
    let importMaxErrors: Int
    let bulkTimeout: Duration
    let reconcileInterval: Int

    init(_ configuration: PluginConfiguration) {
        secretKey = configuration.string("secretKey")
        batchMaxRecords = configuration.integer("batchMaxRecords") ?? 100_000
        importMaxBytes = (configuration.integer("importMaxMegabytes") ?? 1024) << 20
        importMaxErrors = configuration.integer("importMaxErrors") ?? 100
        bulkTimeout = .seconds(configuration.integer("neBulkTimeoutSeconds") ?? 600)
        reconcileInterval = configuration.integer("reconcileIntervalSeconds") ?? 60
    }
}
