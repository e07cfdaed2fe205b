import Foundation
import PluginAPI
import Testing

@Suite struct CronScheduleTests {
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text) ?? .distantPast
    }

    @Test(arguments: [
        ("*/15 * * * *", "2026-11-23T10:07:30Z", "2026-11-23T10:15:00Z"),
        ("0 3 * * *", "2026-11-23T03:00:00Z", "2026-11-24T03:00:00Z"),
        ("30 8 1 * *", "2026-11-23T10:00:00Z", "2026-12-01T08:30:00Z"),
        ("0 0 * * 0", "2026-11-23T10:00:00Z", "2026-11-29T00:00:00Z"),
        ("0 0 * * 7", "2026-11-23T10:00:00Z", "2026-11-29T00:00:00Z"),
        ("5-10/5 12 * 2 *", "2026-11-23T10:00:00Z", "2027-02-01T12:05:00Z"),
        ("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 0 13 * 5", "2026-11-23T10:00:00Z", "2026-11-27T00:00:00Z"),
        ("0 0 * * mon-fri", "2026-11-28T10:00:00Z", "2026-11-30T00:00:00Z"),
        ("0/10 * * * * ?", "2026-11-23T10:07:35Z", "2026-11-23T10:07:40Z"),
        ("0/22 * * * * ?", "2026-11-23T10:07:44Z", "2026-11-23T10:08:00Z"),
        ("30 15 10 ? * 2", "2026-11-23T10:15:30Z", "2026-11-30T10:15:30Z"),
        ("0 0 12 ? JAN SUN", "2026-11-23T10:00:00Z", "2027-01-03T12:00:00Z"),
        ("15 * * * * ?", "2026-11-23T10:07:15Z", "2026-11-23T10:08:15Z"),
    ])
    func findsTheNextRun(_ expression: String, _ after: String, _ expected: String) throws {
        let cron = try CronSchedule(expression)
        #expect(cron.nextDate(after: date(after), calendar: calendar) == date(expected))
    }

    @Test func listsTheNextFiveRuns() throws {
        let runs = try CronSchedule("0/20 * * * * ?").nextDates(after: date("2026-11-23T10:07:35Z"), count: 5, calendar: calendar)
        #expect(runs == ["10:07:40", "10:08:00", "10:08:20", "10:08:40", "10:09:00"].map { date("2026-11-23T\($0)Z") })
    }

    @Test func neverMatchingExpressionsEndTheSearch() throws {
        #expect(try CronSchedule("0 0 31 2 *").nextDate(after: date("2026-01-01T00:00:00Z"), calendar: calendar) == nil)
    }

    @Test(arguments: [
        ("* * * *", "'* * * *' has 4 fields; cron needs 5 (minute hour day-of-month month day-of-week) or 6 (second minute hour day-of-month month day-of-week)"),
        ("60 * * * *", "minute field '60': values must be within 0-59"),
        ("*/0 * * * *", "minute field '*/0': step must be a positive number"),
        ("5-1 * * * *", "minute field '5-1': values must be within 0-59"),
        ("* * 0 * *", "day of month field '0': values must be within 1-31"),
        ("* * * * moon", "day of week field 'moon': values must be within 0-7 or names such as SUN"),
        ("61 * * * * ?", "second field '61': values must be within 0-59"),
        ("0 0 ? * * *", "hour field '?': '?' is allowed only in the day-of-month and day-of-week fields"),
        ("0 0 12 L * ?", "day of month field 'L': L, W and # are not supported"),
        ("0 0 12 ? * 0", "day of week field '0': values must be within 1-7 or names such as SUN"),
    ])
    func rejectsMalformedExpressions(_ expression: String, _ message: String) {
        #expect(throws: (any Error).self) { try CronSchedule(expression) }
        do { _ = try CronSchedule(expression) } catch { #expect(error.description == message) }
    }
}
