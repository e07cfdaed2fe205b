import Foundation
import Synchronization

/// The regular expressions of route declarations, compiled once each: a UDM record declares nineteen
/// patterns, checked on every add, and compiling one costs more than matching it. Patterns come
/// only from declarations, so the cache stays as small as they are.
final class PatternCache: Sendable {
    static let shared = PatternCache()

    private let compiled = Mutex<[String: NSRegularExpression]>([:])

    /// `pattern` compiled, `nil` when it is not a regular expression (the registrar refuses those).
    func expression(_ pattern: String) -> NSRegularExpression? {
        if let known = compiled.withLock({ $0[pattern] }) { return known }
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        compiled.withLock { $0[pattern] = expression }
        return expression
    }
}
