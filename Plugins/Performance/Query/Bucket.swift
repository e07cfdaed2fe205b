import Foundation

/// The periods a query answers in: the stored periods, or hours and days (days in the OMC's time
/// zone, so that a day is the operator's day).
enum Bucket: String, Sendable, CaseIterable {
    case stored
    case hour
    case day

    /// Minutes of a roll-up level, as `performance_rollup.level` stores it.
    var level: Int? {
        switch self {
        case .stored: return nil
        case .hour: return 60
        case .day: return 1440
        }
    }

    /// The start of the hour or day holding `seconds` (since 1970); `seconds` itself for stored periods.
    func start(_ seconds: Int64) -> Int64 {
        switch self {
        case .stored: return seconds
        case .hour: return Self.floor(seconds, 3600)
        case .day:
            let offset = Int64(TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
            return Self.floor(seconds + offset, 86_400) - offset
        }
    }

    static func floor(_ value: Int64, _ step: Int64) -> Int64 {
        let quotient = value / step
        return (value % step < 0 ? quotient - 1 : quotient) * step
    }
}
