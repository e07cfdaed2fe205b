import Foundation

/// Times as the API document writes them in NE answers: `2023-11-29 06:35:43`, UTC.
enum SimulatedTime {
    /// `date` in the document's form.
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
