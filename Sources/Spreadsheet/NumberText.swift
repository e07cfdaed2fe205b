/// How numbers read from a workbook are turned into text: whole numbers up to 2^53 without a fraction
/// (`460001234567890`, not `4.6000123456789E14`), others in Swift's shortest exact form.
enum NumberText {
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }
}
