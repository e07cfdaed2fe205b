/// A route path split into segments, literal or `{name}`.
struct RoutePattern: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    let text: String
    let segments: [Segment]

    init(_ path: String) {
        text = path
        segments = RoutePattern.split(path).map { segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(String(segment))
        }.normalizingElementType()
    }

    /// The shape with parameter names erased: two patterns with the same shape claim the same URLs.
    var shape: String {
        "/" + segments.map { segment in
            if case .literal(let text) = segment { return text }
            return "{}"
        }.joined(separator: "/")
    }

    /// Path segments without the empty ones that leading, trailing or doubled slashes make.
    static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

extension Array where Element == RoutePattern.Segment {
    /// The API document writes NE types in any case (`udm`, `UDM`, `OMC`, `omc`): the segment after
    /// `elementType` is matched in lower case.
    func normalizingElementType() -> [RoutePattern.Segment] {
        var result = self
        for index in result.indices.dropFirst() {
            if case .literal("elementType") = result[index - 1], case .literal(let text) = result[index] {
                result[index] = .literal(text.lowercased())
            }
        }
        return result
    }
}

extension Array where Element == Substring {
    /// Lower-cases the segment after `elementType`, as ``RoutePattern`` does for declared routes.
    func normalizingElementType() -> [Substring] {
        var result = self
        for index in result.indices.dropFirst() where result[index - 1] == "elementType" {
            result[index] = Substring(result[index].lowercased())
        }
        return result
    }
}
