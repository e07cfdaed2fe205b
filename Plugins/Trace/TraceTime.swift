import Foundation
import PluginAPI

/// Trace task times, as the API document writes them (`2023-07-04 13:00:00`), in the OMC's time zone.
enum TraceTime {
    static func format(_ date: Date) -> String {
        DocumentTime.format(date)
    }

    /// `text` as a date; a malformed or impossible time (`2023-02-30 10:00:00`) names `field`.
    static func parse(_ text: String, field: String) throws(OMCError) -> Date {
        guard let date = DocumentTime.parse(text) else {
            throw OMCError.invalid(field, "'\(text)' is not a time like 2023-07-04 13:00:00")
        }
        return date
    }
}
