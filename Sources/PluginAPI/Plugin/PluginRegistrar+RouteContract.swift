import Foundation

extension PluginRegistrar {
    /// Mistakes in what a route declares it takes: a rule for a `{name}` the path lacks, a name
    /// declared twice, a pattern that is not a regular expression, a required member without a shape.
    static func contractProblems(path: String, parameters: [RouteParameter], query: [RouteParameter],
                                 body: RouteBody?) -> [String] {
        var problems: [String] = []
        let segments = path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
        for parameter in parameters where !segments.contains(parameter.name) {
            problems.append("path parameter '\(parameter.name)' is not a {segment} of the path")
        }
        for (kind, list) in [("path parameter", parameters), ("query parameter", query)] {
            let names = list.map(\.name)
            for name in Set(names) where names.filter({ $0 == name }).count > 1 { problems.append("\(kind) '\(name)' is declared twice") }
            for parameter in list { problems += parameterProblems(parameter).map { "\(kind) '\(parameter.name)': \($0)" } }
        }
        switch body {
        case .json(let schema, _): problems += schemaProblems(schema, at: "body")
        case .multipart(let files, let fields):
            if files.contains(where: \.isEmpty) { problems.append("multipart file field names must not be empty") }
            for field in fields { problems += parameterProblems(field).map { "multipart field '\(field.name)': \($0)" } }
        case nil: break
        }
        return problems
    }

    private static func parameterProblems(_ parameter: RouteParameter) -> [String] {
        var problems: [String] = []
        if parameter.name.isEmpty { problems.append("name must not be empty") }
        if let pattern = parameter.pattern, !isRegularExpression(pattern) { problems.append("pattern '\(pattern)' is not a regular expression") }
        if let maxLength = parameter.maxLength, maxLength < 0 { problems.append("maxLength must not be negative") }
        return problems
    }

    private static func schemaProblems(_ schema: ValueSchema, at field: String) -> [String] {
        switch schema.kind {
        case .string(let minLength, let maxLength, let pattern, _, _):
            var problems: [String] = []
            if minLength < 0 || (maxLength.map { $0 < minLength } ?? false) { problems.append("\(field): length bounds are reversed or negative") }
            if let pattern, !isRegularExpression(pattern) { problems.append("\(field): pattern '\(pattern)' is not a regular expression") }
            return problems
        case .array(let items, let maxItems):
            return (maxItems.map { $0 < 0 } ?? false ? ["\(field): maxItems must not be negative"] : [])
                + schemaProblems(items, at: field + "[]")
        case .object(let properties, let required):
            return required.filter { properties[$0] == nil }.map { "\(field): required member '\($0)' has no declared shape" }
                + properties.sorted { $0.key < $1.key }.flatMap { schemaProblems($0.value, at: field + "." + $0.key) }
        case .integer, .number, .boolean, .any:
            return []
        }
    }

    private static func isRegularExpression(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern)) != nil
    }
}
