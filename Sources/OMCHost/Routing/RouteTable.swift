import Foundation
import PluginAPI

/// Every mounted route, and the lookup from a request's method and path to one of them.
///
/// A trie over path segments: literal children first, then the `{parameter}` child, so
/// `/ne/udm/sub/list` wins over `/ne/udm/sub/{neId}`. Built once at start-up, then only read.
struct RouteTable: Sendable {
    struct Node: Sendable {
        var literals: [String: Node] = [:]
        /// Zero or one child for a `{parameter}` segment.
        var parameter: [Node] = []
        var endpoints: [HTTPMethod: Int] = [:]
    }

    enum Lookup {
        case found(MountedRoute, index: Int, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private(set) var routes: [MountedRoute] = []
    private var root = Node()

    /// Adds `route`; returns the route already claiming the same method and URL shape instead.
    mutating func insert(_ route: MountedRoute) -> MountedRoute? {
        if let existing = routes.first(where: { $0.method == route.method && $0.pattern.shape == route.pattern.shape }) {
            return existing
        }
        routes.append(route)
        Self.insert(index: routes.count - 1, method: route.method, segments: route.pattern.segments[...], into: &root)
        return nil
    }

    private static func insert(index: Int, method: HTTPMethod, segments: ArraySlice<RoutePattern.Segment>, into node: inout Node) {
        guard let first = segments.first else {
            node.endpoints[method] = index
            return
        }
        switch first {
        case .literal(let text):
            insert(index: index, method: method, segments: segments.dropFirst(), into: &node.literals[text, default: Node()])
        case .parameter:
            if node.parameter.isEmpty { node.parameter.append(Node()) }
            insert(index: index, method: method, segments: segments.dropFirst(), into: &node.parameter[0])
        }
    }

    /// The route for `method` and `path` (percent-encoded, without query).
    func lookup(_ method: HTTPMethod?, path: String) -> Lookup {
        let segments = RoutePattern.split(path).normalizingElementType()
        guard let method, let node = Self.match(segments[...], in: root, where: { $0.endpoints[method] != nil }),
              let index = node.endpoints[method] else {
            if let node = Self.match(segments[...], in: root, where: { !$0.endpoints.isEmpty }) {
                return .methodNotAllowed(allowed: node.endpoints.keys.sorted())
            }
            return .notFound
        }
        let route = routes[index]
        var parameters: [String: String] = [:]
        for (position, segment) in route.pattern.segments.enumerated() {
            if case .parameter(let name) = segment {
                let raw = segments[position]
                parameters[name] = raw.removingPercentEncoding ?? String(raw)
            }
        }
        return .found(route, index: index, parameters: parameters)
    }

    /// The first node, literal children before the parameter child, that ends the path and satisfies `accepts`.
    private static func match(_ segments: ArraySlice<Substring>, in node: Node, where accepts: (Node) -> Bool) -> Node? {
        guard let first = segments.first else { return accepts(node) ? node : nil }
        if let child = node.literals[String(first)], let found = match(segments.dropFirst(), in: child, where: accepts) {
            return found
        }
        if let child = node.parameter.first { return match(segments.dropFirst(), in: child, where: accepts) }
        return nil
    }
}

extension Substring {
    var removingPercentEncoding: String? { String(self).removingPercentEncoding }
}
