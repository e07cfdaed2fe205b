import Foundation

/// A five-field cron expression (minute, hour, day of month, month, day of week), as in crontab(5):
/// `*`, numbers, ranges `a-b`, lists `a,b`, steps `*/n` and `a-b/n`; day of week 0–7 with 0 and 7 Sunday.
/// When both day fields are restricted, a day matching either runs the job, as cron does.
struct CronExpression: Sendable, Hashable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    /// Parses `text`; the error names the field and why.
    init(_ text: String) throws(CronError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else { throw CronError("'\(text)' has \(fields.count) fields; cron needs 5: minute hour day-of-month month day-of-week") }
        minutes = try Self.parse(fields[0], name: "minute", range: 0...59)
        hours = try Self.parse(fields[1], name: "hour", range: 0...23)
        daysOfMonth = try Self.parse(fields[2], name: "day of month", range: 1...31)
        months = try Self.parse(fields[3], name: "month", range: 1...12)
        daysOfWeek = Set(try Self.parse(fields[4], name: "day of week", range: 0...7).map { $0 % 7 })
        dayOfMonthRestricted = fields[2] != "*"
        dayOfWeekRestricted = fields[4] != "*"
    }

    private static func parse(_ field: String, name: String, range: ClosedRange<Int>) throws(CronError) -> Set<Int> {
        var values = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count) else { throw CronError("\(name) field '\(field)': bad step") }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else { throw CronError("\(name) field '\(field)': step must be a positive number") }
                step = value
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else {
                let ends = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(ends.count), let low = Int(ends[0]), let high = Int(ends[ends.count - 1]),
                      range.contains(low), range.contains(high), low <= high else {
                    throw CronError("\(name) field '\(field)': values must be within \(range.lowerBound)-\(range.upperBound)")
                }
                bounds = low...(pieces.count == 2 && ends.count == 1 ? range.upperBound : high)
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    /// The first minute strictly after `date` that matches, in `calendar`'s time zone; `nil` if none
    /// within five years (`0 0 30 2 *`).
    func nextDate(after date: Date, calendar: Calendar = .current) -> Date? {
        guard var candidate = calendar.nextDate(after: date, matching: DateComponents(second: 0), matchingPolicy: .strict) else { return nil }
        let limit = date.addingTimeInterval(5 * 366 * 86_400)
        while candidate < limit {
            let parts = calendar.dateComponents([.month, .day, .hour, .minute, .weekday], from: candidate)
            guard let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
                  let weekday = parts.weekday else { return nil }
            if !months.contains(month) {
                candidate = startOf(.month, after: candidate, calendar: calendar)
            } else if !dayMatches(day: day, weekday: weekday - 1) {
                candidate = startOf(.day, after: candidate, calendar: calendar)
            } else if !hours.contains(hour) {
                candidate = startOf(.hour, after: candidate, calendar: calendar)
            } else if !minutes.contains(minute) {
                candidate = candidate.addingTimeInterval(60)
            } else {
                return candidate
            }
        }
        return nil
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
              let start = calendar.dateInterval(of: component, for: next)?.start else { return date.addingTimeInterval(60) }
        return start
    }
}

/// A cron expression that cannot be parsed.
struct CronError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
