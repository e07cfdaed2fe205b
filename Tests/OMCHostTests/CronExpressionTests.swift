import Foundation
@testable import OMCHost
import Testing

@Suite struct CronExpressionTests {
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
    ])
    func findsTheNextRun(_ expression: String, _ after: String, _ expected: String) throws {
        let cron = try CronExpression(expression)
        #expect(cron.nextDate(after: date(after), calendar: calendar) == date(expected))
    }

    @Test func neverMatchingExpressionsEndTheSearch() throws {
        #expect(try CronExpression("0 0 31 2 *").nextDate(after: date("2026-01-01T00:00:00Z"), calendar: calendar) == nil)
    }

    @Test(arguments: [
        ("* * * *", "'* * * *' has 4 fields; cron needs 5: minute hour day-of-month month day-of-week"),
        ("60 * * * *", "minute field '60': values must be within 0-59"),
        ("*/0 * * * *", "minute field '*/0': step must be a positive number"),
        ("5-1 * * * *", "minute field '5-1': values must be within 0-59"),
        ("* * 0 * *", "day of month field '0': values must be within 1-31"),
        ("* * * * mon", "day of week field 'mon': values must be within 0-7"),
    ])
    func rejectsMalformedExpressions(_ expression: String, _ message: String) {
        #expect(throws: (any Error).self) { try CronExpression(expression) }
        do { _ = try CronExpression(expression) } catch { #expect(error.description == message) }
    }
}
