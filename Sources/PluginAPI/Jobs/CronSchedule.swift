public import Foundation

/// A cron expression, in one of two forms:
/// - five fields, as in crontab(5): minute, hour, day of month, month, day of week (0–7, 0 and 7
///   Sunday); the job runs at second 0;
/// - six fields, as the API document writes them (`0/10 * * * * ?`, Quartz's form): second, minute,
///   hour, day of month, month, day of week (1–7, 1 Sunday).
///
/// Each field takes `*`, numbers, ranges `a-b`, lists `a,b` and steps `*/n`, `a/n`, `a-b/n`; months
/// and days of week also take English names (`JAN`, `MON-FRI`). `?` in a day field means "no
/// specific value", as `*`. When both day fields are restricted, a day matching either runs the job,
/// as cron does. Quartz's `L`, `W` and `#` are refused, naming the field.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as given.
    public let text: String
    let seconds: Set<Int>
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    /// 0 = Sunday … 6 = Saturday, whichever form the text used.
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    /// The text.
    public var description: String { text }

    /// Parses `text`; the error names the field and why.
    public init(_ text: String) throws(CronError) {
        self.text = text
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let quartz: Bool
        switch fields.count {
        case 5: quartz = false
        case 6: quartz = true
        default:
            throw CronError("'\(text)' has \(fields.count) fields; cron needs 5 (minute hour day-of-month month day-of-week) "
                            + "or 6 (second minute hour day-of-month month day-of-week)")
        }
        let offset = quartz ? 1 : 0
        seconds = quartz ? try Self.parse(fields[0], name: "second", range: 0...59) : [0]
        minutes = try Self.parse(fields[offset], name: "minute", range: 0...59)
        hours = try Self.parse(fields[offset + 1], name: "hour", range: 0...23)
        daysOfMonth = try Self.parse(fields[offset + 2], name: "day of month", range: 1...31, questionMark: true)
        months = try Self.parse(fields[offset + 3], name: "month", range: 1...12, names: Self.monthNames)
        let weekdays = try Self.parse(fields[offset + 4], name: "day of week", range: quartz ? 1...7 : 0...7,
                                      names: quartz ? Self.quartzDayNames : Self.cronDayNames, questionMark: true)
        daysOfWeek = Set(weekdays.map { quartz ? $0 - 1 : $0 % 7 })
        dayOfMonthRestricted = !["*", "?"].contains(fields[offset + 2])
        dayOfWeekRestricted = !["*", "?"].contains(fields[offset + 4])
    }

    private static let monthNames = ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                                     "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
    private static let cronDayNames = ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
    private static let quartzDayNames = ["SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7]

    private static func parse(_ field: String, name: String, range: ClosedRange<Int>, names: [String: Int] = [:],
                              questionMark: Bool = false) throws(CronError) -> Set<Int> {
        if field == "?" {
            guard questionMark else { throw CronError("\(name) field '?': '?' is allowed only in the day-of-month and day-of-week fields") }
            return Set(range)
        }
        if field.contains(where: { "LW#".contains($0) }) && !names.keys.contains(where: { field.uppercased().contains($0) }) {
            throw CronError("\(name) field '\(field)': L, W and # are not supported")
        }
        let value = { (text: Substring) -> Int? in Int(text) ?? names[text.uppercased()] }
        var values = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count) else { throw CronError("\(name) field '\(field)': bad step") }
            var step = 1
            if pieces.count == 2 {
                guard let given = Int(pieces[1]), given > 0 else { throw CronError("\(name) field '\(field)': step must be a positive number") }
                step = given
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else {
                let ends = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(ends.count), let low = value(ends[0]), let high = value(ends[ends.count - 1]),
                      range.contains(low), range.contains(high), low <= high else {
                    throw CronError("\(name) field '\(field)': values must be within \(range.lowerBound)-\(range.upperBound)"
                                    + (names.isEmpty ? "" : " or names such as \(names.sorted { $0.value < $1.value }.first?.key ?? "")"))
                }
                bounds = low...(pieces.count == 2 && ends.count == 1 ? range.upperBound : high)
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    /// The first second strictly after `date` that matches, in `calendar`'s time zone (the OMC's
    /// local time by default); `nil` if none within five years (`0 0 30 2 *`).
    public func nextDate(after date: Date, calendar: Calendar = .current) -> Date? {
        var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 + 1).rounded(.down))
        let limit = date.addingTimeInterval(5 * 366 * 86_400)
        while candidate < limit {
            let parts = calendar.dateComponents([.month, .day, .hour, .minute, .second, .weekday], from: candidate)
            guard let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
                  let second = parts.second, let weekday = parts.weekday else { return nil }
            if !months.contains(month) {
                candidate = startOf(.month, after: candidate, calendar: calendar)
            } else if !dayMatches(day: day, weekday: weekday - 1) {
                candidate = startOf(.day, after: candidate, calendar: calendar)
            } else if !hours.contains(hour) {
                candidate = startOf(.hour, after: candidate, calendar: calendar)
            } else if !minutes.contains(minute) {
                candidate = startOf(.minute, after: candidate, calendar: calendar)
            } else if !seconds.contains(second) {
                candidate = candidate.addingTimeInterval(1)
            } else {
                return candidate
            }
        }
        return nil
    }

    /// The next `count` run times after `date` (fewer when the expression stops matching).
    public func nextDates(after date: Date, count: Int, calendar: Calendar = .current) -> [Date] {
        var dates: [Date] = []
        var last = date
        while dates.count < count, let next = nextDate(after: last, calendar: calendar) {
            dates.append(next)
            last = next
        }
        return dates
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        case (true, false): daysOfMonth.contains(day)
        case (false, true): daysOfWeek.contains(weekday)
        case (false, false): true
        }
    }

    private func startOf(_ component: Calendar.Component, after date: Date, calendar: Calendar) -> Date {
        guard let next = calendar.date(byAdding: component, value: 1, to: date),
              let start = calendar.dateInterval(of: component, for: next)?.start else { return date.addingTimeInterval(1) }
        return start
    }
}

/// A cron expression that cannot be parsed; the description names the field and the rule.
public struct CronError: Error, CustomStringConvertible {
    /// `minute field '60': values must be within 0-59`.
    public let description: String
    /// An error.
    public init(_ description: String) { self.description = description }
}
