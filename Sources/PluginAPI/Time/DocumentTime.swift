public import Foundation

/// Times as the API document writes them: `2023-07-04 13:00:00` (a wall-clock time, in the OMC's
/// time zone unless told otherwise), the day `2023-07-04`, the ISO 8601 instants some answers carry
/// (`2023-07-04T05:00:00Z`) and the compact stamp of exported file names (`20230704050000`).
///
/// Built on a Gregorian calendar rather than `DateFormatter`: no locale can change the digits, parsing
/// is strict (an impossible time such as `2023-02-30 10:00:00` is refused, not rolled over), and
/// every call is safe from any task.
public enum DocumentTime {
    /// `date` as `yyyy-MM-dd HH:mm:ss` in `timeZone`.
    public static func format(_ date: Date, timeZone: TimeZone = .current) -> String {
        let parts = calendar(timeZone).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return day(parts) + " " + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
    }

    /// `date` as `yyyy-MM-dd` in `timeZone`.
    public static func formatDay(_ date: Date, timeZone: TimeZone = .current) -> String {
        day(calendar(timeZone).dateComponents([.year, .month, .day], from: date))
    }

    /// `date` as an ISO 8601 instant in UTC, to the second: `2023-07-04T05:00:00Z`.
    public static func formatISO8601(_ date: Date) -> String {
        let parts = calendar(utc).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return day(parts) + "T" + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2) + "Z"
    }

    /// `date` as an ISO 8601 instant in UTC to the millisecond, `2023-07-04T05:00:00.250Z`: fixed
    /// width, so stored stamps sort as text (journals, long operations).
    public static func formatInstant(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let milliseconds = min(999, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down)))
        return String(formatISO8601(Date(timeIntervalSince1970: seconds)).dropLast()) + "." + pad(milliseconds, 3) + "Z"
    }

    /// The instant ``formatInstant(_:)`` wrote; `nil` for anything else.
    public static func parseInstant(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 24, utf8[10] == UInt8(ascii: "T"), utf8[19] == UInt8(ascii: "."), utf8[23] == UInt8(ascii: "Z"),
              let seconds = parse(String(decoding: utf8[0..<10] + [UInt8(ascii: " ")] + utf8[11..<19], as: UTF8.self), timeZone: utc),
              let fraction = number(utf8[20..<23]) else { return nil }
        return seconds.addingTimeInterval(TimeInterval(fraction) / 1000)
    }

    /// `date` as `yyyyMMddHHmmss` in `timeZone` (UTC unless told), for file names.
    public static func formatCompact(_ date: Date, timeZone: TimeZone = utc) -> String {
        format(date, timeZone: timeZone).filter(\.isNumber)
    }

    /// The time `yyyy-MM-dd HH:mm:ss` names in `timeZone`; `nil` when `text` is not exactly that or
    /// names no real time (a 30th of February, a time skipped by a daylight-saving change).
    public static func parse(_ text: String, timeZone: TimeZone = .current) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 19, utf8[10] == UInt8(ascii: " "), utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"),
              let date = parseDay(String(decoding: utf8[0..<10], as: UTF8.self), timeZone: timeZone),
              let hour = number(utf8[11..<13]), let minute = number(utf8[14..<16]), let second = number(utf8[17..<19]) else { return nil }
        var parts = calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        (parts.hour, parts.minute, parts.second) = (hour, minute, second)
        guard let time = calendar(timeZone).date(from: parts), format(time, timeZone: timeZone) == text else { return nil }
        return time
    }

    /// The start of the day `yyyy-MM-dd` names in `timeZone`; `nil` when `text` is not exactly that or names no real day.
    public static func parseDay(_ text: String, timeZone: TimeZone = .current) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
              let year = number(utf8[0..<4]), let month = number(utf8[5..<7]), let day = number(utf8[8..<10]) else { return nil }
        let calendar = calendar(timeZone)
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              formatDay(date, timeZone: timeZone) == text else { return nil }
        return date
    }

    /// Coordinated Universal Time.
    public static let utc = TimeZone(secondsFromGMT: 0) ?? .current

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func day(_ parts: DateComponents) -> String {
        pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
    }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The value of ASCII digits only (no sign, no blanks).
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
