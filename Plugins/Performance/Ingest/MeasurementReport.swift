import Foundation
import PluginAPI

/// One period's values pushed by an NE (the document's `POST …/objectType/measurement` body),
/// checked: every value is a point of a series (KPI, object type, dimension) for the period that
/// starts at `periodStart` (UTC) and lasts `granularity` minutes.
struct MeasurementReport: Sendable {
    /// Most values one report may carry.
    static let maximumValues = 100_000
    /// How far ahead of the OMC's clock a period may start (clocks drift; a day is absurd).
    static let maximumAhead: TimeInterval = 3600

    struct Value: Sendable {
        let kpiID: String
        let objectType: String
        let dimension: String
        let value: Double
    }

    let granularity: Int
    let periodStart: Date
    let values: [Value]

    /// Checks `body` against the catalog of `catalog`'s type and the OMC's clock; every broken rule
    /// is reported at once, and nothing is stored when one is.
    static func parse(_ body: JSONValue, catalog: KPICatalog, now: Date, oldest: Date) throws(OMCError) -> MeasurementReport {
        guard let fields = body.members else { throw OMCError(.invalidInput, "the body must be a JSON object: a measurement report") }
        var problems = Problems()
        if let type = fields["NeType"]?.stringValue, type.uppercased() != catalog.neType {
            problems.report("NeType", "'\(type)' differs from the NE type of the path, \(catalog.neType)")
        }
        let supported = catalog.descriptor.measurementPeriods.sorted()
        let periodNumber: String? = fields["Period"]?.intValue.map { String($0) }
        let periodText: String = fields["Period"]?.stringValue ?? periodNumber ?? ""
        let granularity = Granularity.minutes(periodText)
        if granularity == nil || !supported.contains(granularity ?? 0) {
            problems.report("Period", "'\(periodText)' is not a period NE type \(catalog.neType) measures over (\(supported.map(String.init).joined(separator: ", ")) minutes)")
        }
        let zoneText = fields["TimeZone"]?.stringValue ?? ""
        let zone = zoneText.isEmpty ? TimeZone.current : timeZone(zoneText)
        if zone == nil { problems.report("TimeZone", "'\(zoneText)' is not a zone like UTC+8 or UTC-05:30") }
        let startText = fields["StartTime"]?.stringValue ?? ""
        var start: Date?
        if let zone {
            if let parsed = DocumentTime.parse(startText, timeZone: zone) {
                start = parsed
                if parsed > now.addingTimeInterval(maximumAhead) {
                    problems.report("StartTime", "\(startText) is in the future (the OMC's time is \(DocumentTime.format(now)))")
                } else if parsed < oldest {
                    problems.report("StartTime", "\(startText) is older than the measured periods the OMC keeps (since \(DocumentTime.format(oldest)))")
                }
            } else {
                problems.report("StartTime", "'\(startText)' is not a time like 2023-05-23 22:30:00")
            }
        }
        let values = parseValues(fields["Datas"], catalog: catalog, problems: &problems)
        try problems.check()
        guard let granularity, let start else { throw OMCError(.invalidInput, "the report has no period") }
        return MeasurementReport(granularity: granularity, periodStart: align(start, minutes: granularity), values: values)
    }

    static func parseValues(_ datas: JSONValue?, catalog: KPICatalog, problems: inout Problems) -> [Value] {
        guard let objects = datas?.arrayValue, !objects.isEmpty else {
            problems.report("Datas", "must be a non-empty list of {ObjectType, KPIs}")
            return []
        }
        var values: [Value] = []
        var seen = Set<String>()
        var unknown: [String] = []
        var derived: [String] = []
        for (index, object) in objects.enumerated() {
            let field = "Datas[\(index)]"
            guard let objectType = object["ObjectType"]?.stringValue, (1...128).contains(objectType.count) else {
                problems.report(field + ".ObjectType", "must be a text of 1 to 128 characters")
                continue
            }
            guard let kpis = object["KPIs"]?.arrayValue else {
                problems.report(field + ".KPIs", "must be a list of {KPIID, KPIValues}")
                continue
            }
            for (kpiIndex, entry) in kpis.enumerated() {
                let kpiField = "\(field).KPIs[\(kpiIndex)]"
                guard let id = entry["KPIID"]?.stringValue, !id.isEmpty else {
                    problems.report(kpiField + ".KPIID", "is required")
                    continue
                }
                guard let kpi = catalog.kpi(id) else {
                    if !unknown.contains(id) { unknown.append(id) }
                    continue
                }
                if kpi.formula != nil {
                    if !derived.contains(kpi.id) { derived.append(kpi.id) }
                    continue
                }
                guard let entries = entry["KPIValues"]?.arrayValue, !entries.isEmpty else {
                    problems.report(kpiField + ".KPIValues", "must be a non-empty list of {Name, Value}")
                    continue
                }
                for (valueIndex, item) in entries.enumerated() {
                    let valueField = "\(kpiField).KPIValues[\(valueIndex)]"
                    guard let name = item["Name"]?.stringValue ?? item["Name"]?.intValue.map(String.init), name.count <= 128 else {
                        problems.report(valueField + ".Name", "must be a text of at most 128 characters")
                        continue
                    }
                    guard let number = item["Value"]?.numberValue, number.isFinite else {
                        problems.report(valueField + ".Value", "must be a number")
                        continue
                    }
                    let key = "\(objectType)\u{1F}\(kpi.id)\u{1F}\(name)"
                    guard seen.insert(key).inserted else {
                        problems.report(valueField, "\(kpi.id) of \(objectType) '\(name)' is given twice")
                        continue
                    }
                    values.append(Value(kpiID: kpi.id, objectType: objectType, dimension: name, value: number))
                }
            }
        }
        if !unknown.isEmpty {
            problems.report("Datas", "NE type \(catalog.neType) has no KPI \(unknown.prefix(20).joined(separator: ", "))")
        }
        if !derived.isEmpty {
            problems.report("Datas", "\(derived.joined(separator: ", ")) derived by the OMC, not measured")
        }
        if values.count > maximumValues {
            problems.report("Datas", "\(values.count) values; at most \(maximumValues) in one report")
        }
        return values
    }

    /// `UTC+8`, `UTC+08:00`, `GMT-5:30`, `UTC`, `+08:00`; at most 14 hours from UTC.
    static func timeZone(_ text: String) -> TimeZone? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        for prefix in ["UTC", "GMT"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        if rest.isEmpty { return TimeZone(secondsFromGMT: 0) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let hours = Int(parts[0]), parts[0].count <= 2,
              let minutes = parts.count == 2 ? Int(parts[1]) : 0, (0...59).contains(minutes), hours * 60 + minutes <= 14 * 60 else { return nil }
        let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }

    /// The period boundary nearest to `date`: NEs stamp a period's start a little late or early.
    static func align(_ date: Date, minutes: Int) -> Date {
        let length = Double(minutes * 60)
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / length).rounded() * length)
    }
}
