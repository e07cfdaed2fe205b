import Foundation
import PluginAPI

/// A task's fields after every rule has been checked against the NE type's catalog, the NE
/// registry and the type's measurement periods: what is stored and sent to the NEs.
struct MeasureTaskDraft: Sendable {
    static let maximumNEs = 1000
    static let maximumKPIs = 1000
    static let maximumWindows = 24
    /// Times before this year or after the last are refused as absurd.
    static let years = 2000...2100

    var neType: String
    var neIDs: [String]
    var kpiSet: [KPIGroup]
    var schedule: [ScheduleRule]
    var periods: [DayWindow]
    var start: Date?
    var end: Date?
    var granularity: Int
    var status: TaskStatus

    /// Checks `body` (the document's `measure_task` fields; the lists either as JSON or as JSON in a
    /// string, as the document's `omc_db` body writes them). With `existing` (a change), fields left
    /// out keep their value. Every broken rule is reported at once.
    static func validate(_ body: [String: JSONValue], pathType: String, existing: MeasureTask?,
                         context: PluginContext) async throws -> MeasureTaskDraft {
        var problems = Problems()
        let type = pathType.uppercased()
        if let given = body["ne_type"], given != .null {
            if given.stringValue?.uppercased() != type {
                problems.report("ne_type", "'\(given.stringValue ?? "?")' differs from the NE type of the path, \(type)")
            }
        }
        let catalog = try KPICatalog.of(type, context: context)
        if let existing, existing.neType != type {
            throw OMCError.notFound("measurement task \(existing.id) is a task of NE type \(existing.neType), not \(type)")
        }

        let neIDs = try await checkNEs(body, existing: existing, type: type, context: context, problems: &problems)
        let kpiSet = checkKPIs(body, existing: existing, catalog: catalog, problems: &problems)
        let schedule = checkSchedule(body, existing: existing, problems: &problems)
        let periods = checkPeriods(body, existing: existing, problems: &problems)
        let granularity = checkGranularity(body, existing: existing, catalog: catalog, problems: &problems)
        let status = checkStatus(body, existing: existing, problems: &problems)
        let start = time(body, "start_time", existing: existing?.start, problems: &problems)
        let end = time(body, "end_time", existing: existing?.end, problems: &problems)
        if let start, let end, end <= start {
            problems.report("end_time", "\(DocumentTime.format(end)) must be after start_time \(DocumentTime.format(start))")
        }
        let now = context.clock.now()
        if let end, end <= now, status == .active, body["end_time"] != nil || body["status"] != nil || existing == nil {
            problems.report("end_time", "\(DocumentTime.format(end)) has already passed (the OMC's time is \(DocumentTime.format(now)))")
        }
        try problems.check()
        return MeasureTaskDraft(neType: type, neIDs: neIDs, kpiSet: kpiSet, schedule: schedule, periods: periods,
                                start: start, end: end, granularity: granularity, status: status)
    }

    /// A list field: JSON, or JSON written in a string; `nil` when absent or null.
    static func list(_ body: [String: JSONValue], _ field: String, problems: inout Problems) -> [JSONValue]? {
        guard let value = body[field], value != .null else { return nil }
        if let text = value.stringValue {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
            guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), let items = parsed.arrayValue else {
                problems.report(field, "must be a list, or a list written as JSON text")
                return nil
            }
            return items
        }
        guard let items = value.arrayValue else {
            problems.report(field, "must be a list, or a list written as JSON text")
            return nil
        }
        return items
    }

    static func checkNEs(_ body: [String: JSONValue], existing: MeasureTask?, type: String, context: PluginContext,
                         problems: inout Problems) async throws -> [String] {
        guard let items = list(body, "ne_ids", problems: &problems) else {
            if let existing { return existing.neIDs }
            if body["ne_ids"] == nil || body["ne_ids"] == .null { problems.report("ne_ids", "is required") }
            return []
        }
        guard !items.isEmpty else {
            problems.report("ne_ids", "name at least one NE")
            return []
        }
        guard items.count <= maximumNEs else {
            problems.report("ne_ids", "\(items.count) NEs given; at most \(maximumNEs)")
            return []
        }
        var ids: [String] = []
        var unknown: [String] = []
        for item in items {
            guard let id = item.stringValue ?? item.intValue.map(String.init), !id.isEmpty, id.count <= 32 else {
                problems.report("ne_ids", "every NE id must be a text of 1 to 32 characters")
                return []
            }
            guard !ids.contains(id) else {
                problems.report("ne_ids", "\(id) is given twice")
                continue
            }
            ids.append(id)
            if try await context.network.element(type: type, id: id) == nil { unknown.append(id) }
        }
        if !unknown.isEmpty {
            problems.report("ne_ids", "no \(type) NE is registered as \(unknown.joined(separator: ", "))")
        }
        return ids
    }

    static func checkKPIs(_ body: [String: JSONValue], existing: MeasureTask?, catalog: KPICatalog,
                          problems: inout Problems) -> [KPIGroup] {
        guard let items = list(body, "kpi_set", problems: &problems) else {
            if let existing { return existing.kpiSet }
            if body["kpi_set"] == nil || body["kpi_set"] == .null { problems.report("kpi_set", "is required") }
            return []
        }
        guard !items.isEmpty else {
            problems.report("kpi_set", "name at least one group of KPIs")
            return []
        }
        var groups: [KPIGroup] = []
        var count = 0
        var unknown: [String] = []
        var derived: [LocalizedMessage] = []
        for (index, item) in items.enumerated() {
            let field = "kpi_set[\(index)]"
            guard let code = item["Code"]?.stringValue, (1...64).contains(code.count) else {
                problems.report(field + ".Code", "must be a text of 1 to 64 characters")
                continue
            }
            guard let names = item["KPIs"]?.arrayValue, !names.isEmpty else {
                problems.report(field + ".KPIs", "must be a non-empty list of KPI ids")
                continue
            }
            var kpis: [String] = []
            for name in names {
                guard let text = name.stringValue, !text.isEmpty else {
                    problems.report(field + ".KPIs", "every KPI id must be a non-empty text")
                    continue
                }
                guard let kpi = catalog.kpi(text) else {
                    unknown.append(text)
                    continue
                }
                if let formula = kpi.formula {
                    derived.append("\(kpi.id) is derived by the OMC (\(formula)); measure its inputs instead")
                    continue
                }
                if kpis.contains(kpi.id) {
                    problems.report(field + ".KPIs", "\(kpi.id) is given twice")
                    continue
                }
                kpis.append(kpi.id)
            }
            count += kpis.count
            groups.append(KPIGroup(code: code, kpis: kpis))
        }
        if !unknown.isEmpty {
            let known = catalog.descriptor.kpis.filter { $0.formula == nil }.map(\.id).joined(separator: ", ")
            problems.report("kpi_set", "NE type \(catalog.neType) has no KPI \(unknown.joined(separator: ", ")); it measures \(known)")
        }
        for message in derived { problems.report("kpi_set", message) }
        if count > maximumKPIs { problems.report("kpi_set", "\(count) KPIs given; at most \(maximumKPIs)") }
        return groups
    }

    static func checkSchedule(_ body: [String: JSONValue], existing: MeasureTask?, problems: inout Problems) -> [ScheduleRule] {
        guard let items = list(body, "schedule", problems: &problems) else { return existing?.schedule ?? [] }
        var rules: [ScheduleRule] = []
        for (index, item) in items.enumerated() {
            let field = "schedule[\(index)]"
            let typeText = item["Type"]?.stringValue ?? ""
            guard let type = ScheduleRule.types.first(where: { $0.lowercased() == typeText.lowercased() }) else {
                problems.report(field + ".Type", "'\(typeText)' is not one of Daily, Weekly, Monthly (or empty: every day)")
                continue
            }
            let dayValues = item["Days"]?.arrayValue ?? []
            var days: [Int] = []
            let range = type == "Weekly" ? 1...7 : 1...31
            for value in dayValues {
                guard let day = value.intValue ?? value.stringValue.flatMap({ Int($0) }), range.contains(day) else {
                    problems.report(field + ".Days", "every day must be a number from \(range.lowerBound) to \(range.upperBound) for \(type.isEmpty ? "an empty Type" : type)")
                    break
                }
                if !days.contains(day) { days.append(day) }
            }
            if (type == "" || type == "Daily"), !days.isEmpty {
                problems.report(field + ".Days", "must be empty for \(type.isEmpty ? "an empty Type" : type): the task runs every day")
            }
            if (type == "Weekly" || type == "Monthly"), dayValues.isEmpty {
                problems.report(field + ".Days", "name at least one day for \(type)")
            }
            rules.append(ScheduleRule(type: type, days: days.sorted()))
        }
        return rules
    }

    static func checkPeriods(_ body: [String: JSONValue], existing: MeasureTask?, problems: inout Problems) -> [DayWindow] {
        guard let items = list(body, "periods", problems: &problems) else { return existing?.periods ?? [] }
        guard items.count <= maximumWindows else {
            problems.report("periods", "\(items.count) windows given; at most \(maximumWindows)")
            return []
        }
        var windows: [DayWindow] = []
        for (index, item) in items.enumerated() {
            let start = item["Start"]?.stringValue ?? ""
            let end = item["End"]?.stringValue ?? ""
            guard let from = DayWindow.minutes(start), let until = DayWindow.minutes(end), from < until else {
                problems.report("periods[\(index)]", "must be {\"Start\": \"HH:mm\", \"End\": \"HH:mm\"} with Start before End, not '\(start)'-'\(end)'")
                continue
            }
            windows.append(DayWindow(start: start, end: end))
        }
        return windows
    }

    static func checkGranularity(_ body: [String: JSONValue], existing: MeasureTask?, catalog: KPICatalog,
                                 problems: inout Problems) -> Int {
        let supported = catalog.descriptor.measurementPeriods.sorted()
        guard let value = body["granul_option"], value != .null else {
            if let existing { return existing.granularity }
            problems.report("granul_option", "is required, one of \(supported.map(Granularity.name).joined(separator: ", "))")
            return 0
        }
        let text = value.stringValue ?? value.intValue.map { String($0) } ?? ""
        guard let minutes = Granularity.minutes(text), supported.contains(minutes) else {
            problems.report("granul_option", "NE type \(catalog.neType) measures over \(supported.map(Granularity.name).joined(separator: ", ")), not '\(text)'")
            return 0
        }
        return minutes
    }

    static func checkStatus(_ body: [String: JSONValue], existing: MeasureTask?, problems: inout Problems) -> TaskStatus {
        guard let value = body["status"], value != .null, let text = value.stringValue, !text.isEmpty else {
            if body["status"] != nil, body["status"] != .null, body["status"]?.stringValue == nil {
                problems.report("status", "must be Active or Inactive")
            }
            return existing?.status == .inactive ? .inactive : .active
        }
        switch text.lowercased() {
        case "active": return .active
        case "inactive": return .inactive
        default:
            problems.report("status", "must be Active or Inactive, not '\(text)'")
            return .active
        }
    }

    /// `yyyy-MM-dd HH:mm:ss` in the OMC's time zone; an empty text means none (no bound).
    static func time(_ body: [String: JSONValue], _ field: String, existing: Date?, problems: inout Problems) -> Date? {
        guard let value = body[field], value != .null else { return existing }
        guard let text = value.stringValue else {
            problems.report(field, "must be a time like 2023-07-04 13:00:00, or empty")
            return nil
        }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        guard let date = DocumentTime.parse(text) else {
            problems.report(field, "'\(text)' is not a time like 2023-07-04 13:00:00")
            return nil
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: date)
        guard years.contains(year) else {
            problems.report(field, "'\(text)' is not between the years \(years.lowerBound) and \(years.upperBound)")
            return nil
        }
        return date
    }
}
