public import Foundation

/// The time formats NEs use on the wire, in the machine's local time zone.
public enum TimeFormat {
    /// `2024-05-01 12:00:00`, as in alarm `eventTime` and `startTime`.
    public static func local(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// `2024-05-01 12:00:00 +08:00`, the MML `date` output.
    public static func localWithOffset(_ date: Date) -> String {
        "\(local(date)) \(offset(date))"
    }

    /// `+08:00`, the local offset from UTC at `date`.
    public static func offset(_ date: Date) -> String {
        let seconds = TimeZone.current.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// `2024-05-01 12:00:00` in the machine's local time zone; `nil` for any other shape.
    public static func parseLocal(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard parts.count == 6, text.count == 19 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2],
                                                  hour: parts[3], minute: parts[4], second: parts[5]))
    }

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }
}
