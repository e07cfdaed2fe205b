import Foundation
import PluginAPI

/// Which periods of one NE and KPI should have been reported over a range, and which are missing.
///
/// The expected periods come from the tasks that measure the KPI on the NE: every period of the
/// task's granularity that lies in the range, within the task's start and end, on a day and in a
/// window its schedule and periods allow, and already over at `now`. Without such a task nothing is
/// expected, and the answer says so (`task` is absent).
enum Completeness {
    static func of(neID: String, kpiID: String, received: Set<Int64>, tasks: [MeasureTask], from: Date, to: Date, now: Date) -> JSONValue {
        let measuring = tasks.filter { $0.neIDs.contains(neID) && $0.kpiIDs.contains(kpiID) }
        guard let task = measuring.min(by: { $0.granularity < $1.granularity }) else {
            return ["neId": .string(neID), "kpiId": .string(kpiID), "expected": .number(Double(received.count)),
                    "received": .number(Double(received.count)), "gapCount": 0, "gaps": []]
        }
        let step = Int64(task.granularity * 60)
        let first = max(from, task.start ?? task.createdAt)
        let last = min(to, task.end ?? to, now)
        var expected = 0
        var got = 0
        var gaps: [JSONValue] = []
        var gapCount = 0
        var slot = Bucket.floor(Int64(first.timeIntervalSince1970) + step - 1, step)
        let limit = Int64(last.timeIntervalSince1970)
        while slot + step <= limit {
            if covers(task, slot) {
                expected += 1
                if received.contains(slot) {
                    got += 1
                } else {
                    gapCount += 1
                    if gaps.count < KPIQuery.listedGaps {
                        gaps.append(.string(DocumentTime.format(Date(timeIntervalSince1970: TimeInterval(slot)))))
                    }
                }
            }
            slot += step
        }
        return ["neId": .string(neID), "kpiId": .string(kpiID), "task": .number(Double(task.id)),
                "granularity": .number(Double(task.granularity)), "expected": .number(Double(expected)),
                "received": .number(Double(got)), "gapCount": .number(Double(gapCount)), "gaps": .array(gaps)]
    }

    /// Whether the task's schedule and day windows include the period starting at `seconds` (in the
    /// OMC's time zone).
    static func covers(_ task: MeasureTask, _ seconds: Int64) -> Bool {
        guard task.status == .active else { return false }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let calendar = Calendar.current
        let parts = calendar.dateComponents([.weekday, .day, .hour, .minute], from: date)
        let weekday = ((parts.weekday ?? 1) + 5) % 7 + 1   // Monday 1 … Sunday 7
        let dayAllowed = task.schedule.isEmpty || task.schedule.contains { rule in
            switch rule.type {
            case "Weekly": return rule.days.contains(weekday)
            case "Monthly": return rule.days.contains(parts.day ?? 0)
            default: return true
            }
        }
        guard dayAllowed else { return false }
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return task.periods.isEmpty || task.periods.contains { window in
            guard let start = DayWindow.minutes(window.start), let end = DayWindow.minutes(window.end) else { return false }
            return minute >= start && minute < end
        }
    }
}
