import PluginAPI

/// How serious an alarm is, as X.733 and TS 28.532 name it (`perceivedSeverity`).
enum AlarmSeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case critical, major, minor, warning, indeterminate, cleared

    /// The API document's `perceivedSeverity` numbers: 1 critical … 4 warning, 5 for the document's
    /// "event" severity, which X.733 calls indeterminate.
    init?(number: Int) {
        switch number {
        case 1: self = .critical
        case 2: self = .major
        case 3: self = .minor
        case 4: self = .warning
        case 5: self = .indeterminate
        default: return nil
        }
    }

    /// The document's `origSeverity` names (`Critical`, …, `Event`), in any case, and X.733's.
    init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "event" {
            self = .indeterminate
        } else if let severity = AlarmSeverity(rawValue: lowered), severity != .cleared {
            self = severity
        } else {
            return nil
        }
    }

    /// The catalog's severity.
    init(_ severity: AlarmDefinition.Severity) {
        switch severity {
        case .critical: self = .critical
        case .major: self = .major
        case .minor: self = .minor
        case .warning: self = .warning
        case .event: self = .indeterminate
        }
    }

    /// Names accepted in filters and answers, most serious first.
    static let listed = allCases.map(\.rawValue)
}
