/// Everything the OMC must know about one type of network element, declared by its NE-type plugin.
public struct NETypeDescriptor: Sendable {
    /// Upper-cased type name (`UDM`); it is the `elementType` of the API document's paths.
    public let name: String
    /// One line (`Unified Data Management`).
    public let summary: String
    /// The alarms an NE of this type can raise.
    public let alarms: [AlarmDefinition]
    /// The KPIs it reports.
    public let kpis: [KPIDefinition]
    /// Its configuration sections (`system`, `subsUEAmbr`, …) and their parameters.
    public let configSections: [NEConfigSection]
    /// Interfaces a trace can be started on (`N8`, `N10`, …).
    public let traceableInterfaces: [String]

    /// A descriptor.
    public init(name: String, summary: String, alarms: [AlarmDefinition] = [], kpis: [KPIDefinition] = [],
                configSections: [NEConfigSection] = [], traceableInterfaces: [String] = []) {
        self.name = name.uppercased()
        self.summary = summary
        self.alarms = alarms
        self.kpis = kpis
        self.configSections = configSections
        self.traceableInterfaces = traceableInterfaces
    }
}

/// An alarm of an NE type's catalog.
public struct AlarmDefinition: Sendable, Hashable {
    /// How serious an alarm is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// Service is down.
        case critical = "Critical"
        /// Service is degraded.
        case major = "Major"
        /// A fault without service impact yet.
        case minor = "Minor"
        /// A condition to watch.
        case warning = "Warning"
        /// Information only.
        case event = "Event"
    }

    /// The alarm code the NE sends.
    public let code: String
    /// Its title.
    public let name: String
    /// Its default severity.
    public let severity: Severity
    /// What to do about it.
    public let repairAdvice: String

    /// An alarm definition.
    public init(code: String, name: String, severity: Severity, repairAdvice: String) {
        self.code = code
        self.name = name
        self.severity = severity
        self.repairAdvice = repairAdvice
    }
}

/// A KPI of an NE type's catalog.
public struct KPIDefinition: Sendable, Hashable {
    /// The id the NE reports it under.
    public let id: String
    /// Its title.
    public let name: String
    /// Its unit (`%`, `count`, `ms`).
    public let unit: String

    /// A KPI definition.
    public init(id: String, name: String, unit: String) {
        self.id = id
        self.name = name
        self.unit = unit
    }
}

/// One configuration section of an NE type (`system`), with its parameters.
public struct NEConfigSection: Sendable, Hashable {
    /// The section name, as in `objectType/config/{name}`.
    public let name: String
    /// Its parameters, with types, ranges and read-only flags.
    public let parameters: [ConfigField]
    /// Whether the section holds a list of records (`loc` indexes them) rather than one record.
    public let isList: Bool

    /// A section.
    public init(name: String, parameters: [ConfigField], isList: Bool = false) {
        self.name = name
        self.parameters = parameters
        self.isList = isList
    }
}
