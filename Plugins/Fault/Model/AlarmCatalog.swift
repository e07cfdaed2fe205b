import PluginAPI

/// The alarm catalogs of the enabled NE types, from their descriptors, plus the OMC's own alarms.
struct AlarmCatalog: Sendable {
    private let definitions: [String: [String: AlarmDefinition]]

    init(host: HostInfo) {
        var definitions: [String: [String: AlarmDefinition]] = [:]
        for (type, descriptor) in host.neTypes {
            definitions[type.uppercased()] = Dictionary(descriptor.alarms.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.definitions = definitions
    }

    /// The catalog entry of `code` for NE type `neType`; the OMC's own alarms for any type.
    func definition(neType: String, code: String) -> AlarmDefinition? {
        definitions[neType.uppercased()]?[code] ?? OMCAlarms.all.first { $0.code == code }
    }

    /// The catalog of one NE type.
    func alarms(of neType: String) -> [AlarmDefinition] {
        (definitions[neType.uppercased()].map { Array($0.values) } ?? []).sorted { $0.code < $1.code }
    }
}

/// The alarms the OMC raises itself, whatever the NE's type.
enum OMCAlarms {
    /// Raised when an NE stops answering the OMC, cleared when it answers again.
    static let communicationLost = AlarmDefinition(
        code: "OMC-1001", name: "NE communication lost", severity: .critical,
        repairAdvice: "Check that the NE is running, its management address and port, and the network between the OMC and the NE.")

    /// Raised while the file system of the OMC's data folder is nearly full.
    static let diskSpaceLow = AlarmDefinition(
        code: "OMC-2001", name: "OMC data folder low on disk space", severity: .major,
        repairAdvice: "Free space on the OMC's data folder (old exports, logs) or enlarge it; shorten retentionDays if history fills it.")

    static let all = [communicationLost, diskSpaceLow]
}
