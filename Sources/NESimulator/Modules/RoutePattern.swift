/// A path pattern such as `/api/rest/…/elementType/{neType}/objectType/config/{name}`.
///
/// `{neType}` must equal the NE's type and every other `{name}` is captured. All comparisons ignore
/// case, as the API document spells some paths both ways (`mml` and `MML`).
public struct RoutePattern: Sendable, Hashable {
    /// The pattern as written.
    public let text: String
    private let segments: [Substring]

    /// A pattern.
    public init(_ text: String) {
        self.text = text
        segments = text.split(separator: "/")
    }

    /// The captured parameters when `path` (split and percent-decoded) matches, else `nil`.
    public func match(_ path: [String], neType: String) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, actual) in zip(segments, path) {
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                let name = String(segment.dropFirst().dropLast())
                if name == "neType", actual.lowercased() != neType.lowercased() { return nil }
                parameters[name] = actual
            } else if segment.lowercased() != actual.lowercased() {
                return nil
            }
        }
        return parameters
    }
}
