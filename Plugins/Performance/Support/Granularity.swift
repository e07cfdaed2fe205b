import Foundation

/// Measurement periods as the document writes them (`granul_option`: `15M`, `60M`, `1H`, `24H`) and
/// as stored (whole minutes).
enum Granularity {
    /// `15M` for 15.
    static func name(_ minutes: Int) -> String { "\(minutes)M" }

    /// Minutes of `15M`, `30m`, `1H`, `24H` or a bare `15`; `nil` for anything else.
    static func minutes(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let minutes = Int(trimmed), minutes > 0 { return minutes }
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number > 0, number <= 1440 else { return nil }
        switch unit {
        case "M": return number
        case "H": return number * 60 <= 1440 ? number * 60 : nil
        default: return nil
        }
    }
}
