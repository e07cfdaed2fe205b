import Foundation
import PluginAPI

extension QueryParameters {
    /// Decodes `a=1&b=x%20y&c=` (`+` is a space, as forms send it); a pair that cannot be decoded is kept as written.
    init(rawQuery: String?) {
        guard let rawQuery, !rawQuery.isEmpty else {
            self.init()
            return
        }
        self.init(rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        })
    }
}
