import Foundation

/// Number formatting for the report, independent of the machine's locale.
enum Formatting {
    /// `1234567` as `"1,234,567"`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `value` with `places` decimals.
    static func fixed(_ value: Double, places: Int = 1) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A duration in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        milliseconds(duration) / 1_000
    }
}
