import Foundation

extension URL {
    /// `self` + `path` (which may carry a query).
    func adding(_ path: String) -> URL {
        URL(string: absoluteString + path) ?? self
    }
}
