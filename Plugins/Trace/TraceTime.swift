import Foundation
import PluginAPI

/// Times as the API document writes them (`2023-07-04 13:00:00`), in the OMC's time zone.
enum TraceTime {
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// `text` as a date; a malformed or impossible time (`2023-02-30 10:00:00`) names `field`.
    static func parse(_ text: String, field: String) throws(OMCError) -> Date {
        let formatter = formatter()
        guard let date = formatter.date(from: text), formatter.string(from: date) == text else {
            throw OMCError.invalid(field, "'\(text)' is not a time like 2023-07-04 13:00:00")
        }
        return date
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.isLenient = false
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }
}
