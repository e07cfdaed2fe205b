import Foundation
import PluginAPI

/// A measurement task: which KPIs the NEs of one type measure, over which period, when.
struct MeasureTask: Sendable {
    let id: Int
    var neType: String
    var neIDs: [String]
    var kpiSet: [KPIGroup]
    var schedule: [ScheduleRule]
    var periods: [DayWindow]
    var start: Date?
    var end: Date?
    /// Minutes per measured period.
    var granularity: Int
    var status: TaskStatus
    var createdBy: String?
    var createdAt: Date
    var updatedAt: Date

    /// Every KPI of the task, each once, in the order given.
    var kpiIDs: [String] {
        var seen: [String] = []
        for group in kpiSet { for kpi in group.kpis where !seen.contains(kpi) { seen.append(kpi) } }
        return seen
    }

    /// The body the NEs receive (`POST …/objectType/measureTask` on the NE): the document's fields,
    /// lists as JSON, times in UTC (ISO 8601) so that an NE in another time zone reads them right.
    var neBody: JSONValue {
        var fields: [String: JSONValue] = [
            "id": .number(Double(id)), "ne_type": .string(neType), "granul_option": .string(Granularity.name(granularity)),
            "status": .string(status == .inactive ? TaskStatus.inactive.rawValue : TaskStatus.active.rawValue),
            "kpi_set": .array(kpiSet.map(\.json)), "schedule": .array(schedule.map(\.json)), "periods": .array(periods.map(\.json)),
        ]
        if let start { fields["start_time"] = .string(DocumentTime.formatISO8601(start)) }
        if let end { fields["end_time"] = .string(DocumentTime.formatISO8601(end)) }
        return .object(fields)
    }
}

/// What the operator wants of a task.
enum TaskStatus: String, Sendable, CaseIterable {
    case active = "Active"
    case inactive = "Inactive"
    /// Deleted by the operator; kept until every NE confirmed it removed the task.
    case deleting = "Deleting"
}

/// One `kpi_set` entry: a group code and its KPIs.
struct KPIGroup: Sendable, Hashable, Codable {
    let code: String
    let kpis: [String]

    enum CodingKeys: String, CodingKey {
        case code = "Code"
        case kpis = "KPIs"
    }

    var json: JSONValue { ["Code": .string(code), "KPIs": .array(kpis.map(JSONValue.string))] }
}

/// One `schedule` entry: `Type` is empty or `Daily` (every day), `Weekly` (Days 1 = Monday … 7) or
/// `Monthly` (Days 1 … 31).
struct ScheduleRule: Sendable, Hashable, Codable {
    let type: String
    let days: [Int]

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case days = "Days"
    }

    static let types = ["", "Daily", "Weekly", "Monthly"]

    var json: JSONValue { ["Type": .string(type), "Days": .array(days.map { .number(Double($0)) })] }
}

/// One `periods` entry: a window of the day, `HH:mm` to `HH:mm` (local time of the OMC).
struct DayWindow: Sendable, Hashable, Codable {
    let start: String
    let end: String

    enum CodingKeys: String, CodingKey {
        case start = "Start"
        case end = "End"
    }

    var json: JSONValue { ["Start": .string(start), "End": .string(end)] }

    /// Minutes after midnight of `HH:mm`; `nil` for anything else (24:00 is the end of the day).
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 1440 else { return nil }
        return hours * 60 + minutes
    }
}

/// What one NE of a task last did with it.
enum NETaskState: String, Sendable, CaseIterable {
    /// Not sent yet.
    case pending
    /// The NE measures it.
    case active
    /// The NE holds it, not measuring.
    case inactive
    /// The NE answered with a refusal (its reason is kept); sent again by the retry job.
    case refused
    /// The NE could not be reached or did not answer in time; sent again by the retry job.
    case unreachable
}
