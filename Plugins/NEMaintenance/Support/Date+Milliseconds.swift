import Foundation

extension Date {
    /// The instant `milliseconds` after 1970, as the plugin's tables store times.
    init(milliseconds: Int) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Milliseconds since 1970, as the plugin's tables store times.
    var milliseconds: Int { Int((timeIntervalSince1970 * 1000).rounded()) }
}
