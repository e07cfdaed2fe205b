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
    /// Measurement periods, in minutes, an NE of this type can measure its KPIs over (a measurement
    /// task's `granul_option`: 15 is `15M`); meaningful only with a KPI catalog.
    public let measurementPeriods: [Int]

    /// A descriptor.
    public init(name: String, summary: String, alarms: [AlarmDefinition] = [], kpis: [KPIDefinition] = [],
                configSections: [NEConfigSection] = [], traceableInterfaces: [String] = [],
                measurementPeriods: [Int] = [15, 30, 60]) {
        self.name = name.uppercased()
        self.summary = summary
        self.alarms = alarms
        self.kpis = kpis
        self.configSections = configSections
        self.traceableInterfaces = traceableInterfaces
        self.measurementPeriods = measurementPeriods
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
    /// How its values combine into a longer period (an hour, a day) and across an NE's dimensions.
    public let aggregation: KPIAggregation
    /// For a derived KPI, computed by the OMC rather than measured by the NE: an arithmetic formula
    /// over other KPIs of the same type, with `+ - * /`, parentheses and numbers
    /// (`100 * UDM.AuthSuccesses / UDM.AuthAttempts`). `nil` for a measured KPI.
    public let formula: String?

    /// A measured KPI.
    public init(id: String, name: String, unit: String, aggregation: KPIAggregation = .sum) {
        self.id = id
        self.name = name
        self.unit = unit
        self.aggregation = aggregation
        formula = nil
    }

    /// A derived KPI: `formula` over measured KPIs of the same type, evaluated per NE and period on
    /// the inputs' own aggregates, so a rate over a day is the day's successes over its attempts.
    public static func derived(id: String, name: String, unit: String, formula: String) -> KPIDefinition {
        KPIDefinition(id: id, name: name, unit: unit, aggregation: .average, formula: formula)
    }

    private init(id: String, name: String, unit: String, aggregation: KPIAggregation, formula: String?) {
        self.id = id
        self.name = name
        self.unit = unit
        self.aggregation = aggregation
        self.formula = formula
    }
}

/// How a KPI's values combine over time and across dimensions.
public enum KPIAggregation: String, Sendable, Hashable, CaseIterable {
    /// Counters: events in the longer period are the sum of its parts.
    case sum
    /// Gauges and ratios: the mean of the parts.
    case average
    /// The smallest part.
    case minimum
    /// The largest part.
    case maximum
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
