public import Foundation

/// One NE's measurement tasks, as the OMC sent them, and the control API's switches for how the NE
/// measures: refuse new tasks, skip periods, send garbage, dip the success ratio.
public actor MeasurementTasks {
    /// A task the NE holds.
    public struct Task: Sendable {
        /// The OMC's task number.
        public let id: Int
        /// The task as sent (`kpi_set`, `granul_option`, `status`, `start_time`, `end_time`, …).
        public let body: JSONValue
        /// The KPI ids to measure, each once.
        public let kpis: [String]
        /// Minutes per period.
        public let granularity: Int
        /// Whether it measures (status Active).
        public let active: Bool
        /// No period before this is measured.
        public let start: Date?
        /// No period from this on is measured.
        public let end: Date?

        /// Whether the period starting at `start` is measured: within the task's start and end, on a
        /// day its `schedule` names (Weekly: 1 = Monday … 7, Monthly: day of month; none: every day) and
        /// in one of its `periods` windows (`HH:mm` to `HH:mm`, local time; none: all day).
        public func measures(_ start: Date) -> Bool {
            if let first = self.start, start < first { return false }
            if let last = end, start >= last { return false }
            let parts = Calendar.current.dateComponents([.weekday, .day, .hour, .minute], from: start)
            let weekday = ((parts.weekday ?? 1) + 5) % 7 + 1
            let rules = body["schedule"]?.arrayValue ?? []
            let dayAllowed = rules.isEmpty || rules.contains { rule in
                let days = (rule["Days"]?.arrayValue ?? []).compactMap(\.intValue)
                switch rule["Type"]?.stringValue {
                case "Weekly": return days.contains(weekday)
                case "Monthly": return days.contains(parts.day ?? 0)
                default: return true
                }
            }
            guard dayAllowed else { return false }
            let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
            let windows = body["periods"]?.arrayValue ?? []
            return windows.isEmpty || windows.contains { window in
                guard let from = Self.minutes(window["Start"]?.stringValue), let until = Self.minutes(window["End"]?.stringValue) else { return false }
                return minute >= from && minute < until
            }
        }

        /// Minutes after midnight of `HH:mm`.
        static func minutes(_ text: String?) -> Int? {
            let parts = (text ?? "").split(separator: ":").compactMap { Int($0) }
            return parts.count == 2 ? parts[0] * 60 + parts[1] : nil
        }
    }

    private var tasks: [Int: Task] = [:]
    /// Tasks sent from now on are refused with 400, as an NE short of resources would.
    public private(set) var refusesTasks = false
    /// Periods still to skip (not pushed).
    public private(set) var periodsToSkip = 0
    /// The next report is garbage (not the document's shape).
    public private(set) var garbageNext = false
    /// Share of attempts that succeed (0…1); lowered to make a success rate dip.
    public private(set) var successRatio = 0.98

    /// No tasks, nothing switched.
    public init() {}

    /// Every task, by id.
    public var all: [Task] { tasks.values.sorted { $0.id < $1.id } }

    /// Takes `body` as task `id` (replacing one of the same id); throws the refusal.
    public func accept(_ id: Int, _ body: JSONValue) throws(NEReplyError) -> Task {
        if refusesTasks { throw NEReplyError(status: 400, "measurement task \(id) refused: the NE takes no more measurement tasks") }
        guard let groups = body["kpi_set"]?.arrayValue, !groups.isEmpty else {
            throw NEReplyError(status: 400, "kpi_set must be a non-empty list of {Code, KPIs}")
        }
        var kpis: [String] = []
        for group in groups {
            for kpi in group["KPIs"]?.arrayValue ?? [] {
                guard let name = kpi.stringValue else { throw NEReplyError(status: 400, "KPIs must be KPI ids") }
                if !kpis.contains(name) { kpis.append(name) }
            }
        }
        guard !kpis.isEmpty else { throw NEReplyError(status: 400, "kpi_set names no KPI") }
        let option = (body["granul_option"]?.stringValue ?? "").uppercased()
        guard option.hasSuffix("M"), let minutes = Int(option.dropLast()), [5, 15, 30, 60].contains(minutes) else {
            throw NEReplyError(status: 400, "granul_option must be 5M, 15M, 30M or 60M")
        }
        let status = body["status"]?.stringValue ?? "Active"
        let task = Task(id: id, body: body, kpis: kpis, granularity: minutes, active: status.lowercased() == "active",
                        start: body["start_time"]?.stringValue.flatMap(Self.instant),
                        end: body["end_time"]?.stringValue.flatMap(Self.instant))
        tasks[id] = task
        return task
    }

    /// Drops task `id`; false when the NE does not hold it.
    public func remove(_ id: Int) -> Bool {
        tasks.removeValue(forKey: id) != nil
    }

    /// Applies the control API's `{"refuseTasks", "skipPeriods", "garbage", "successRatio"}`.
    public func configure(_ body: JSONValue) throws(NEReplyError) {
        guard let fields = body.objectValue else { throw NEReplyError(status: 400, "the body must be a JSON object") }
        let known = ["refuseTasks", "skipPeriods", "garbage", "successRatio", "report"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw NEReplyError(status: 400, "unknown field '\(unknown)'; known: \(known.joined(separator: ", "))")
        }
        if let value = fields["refuseTasks"] {
            guard let flag = value.boolValue else { throw NEReplyError(status: 400, "refuseTasks must be true or false") }
            refusesTasks = flag
        }
        if let value = fields["skipPeriods"] {
            guard let count = value.intValue, count >= 0 else { throw NEReplyError(status: 400, "skipPeriods must be a whole number >= 0") }
            periodsToSkip = count
        }
        if let value = fields["garbage"] {
            guard let flag = value.boolValue else { throw NEReplyError(status: 400, "garbage must be true or false") }
            garbageNext = flag
        }
        if let value = fields["successRatio"] {
            guard let ratio = value.doubleValue, (0...1).contains(ratio) else { throw NEReplyError(status: 400, "successRatio must be from 0 to 1") }
            successRatio = ratio
        }
    }

    /// The report of `task` for the period starting at `periodStart`, as the switches make it:
    /// `nil` while periods are to be skipped (counting one), garbage once when asked for.
    func report(_ task: Task, periodStart: Date, identity: NEDefinition, sequence: Int) -> JSONValue? {
        if periodsToSkip > 0 {
            periodsToSkip -= 1
            return nil
        }
        if garbageNext {
            garbageNext = false
            return MeasurementReportBuilder.garbage(identity)
        }
        return MeasurementReportBuilder.report(task, periodStart: periodStart, identity: identity, sequence: sequence,
                                               successRatio: successRatio)
    }

    /// The switches, as the control API shows them.
    public var settings: JSONValue {
        ["refuseTasks": .bool(refusesTasks), "skipPeriods": .int(periodsToSkip), "garbage": .bool(garbageNext),
         "successRatio": .double(successRatio), "tasks": .array(tasks.keys.sorted().map { JSONValue.int($0) })]
    }

    /// `2023-07-04T05:00:00Z`.
    static func instant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }
}
